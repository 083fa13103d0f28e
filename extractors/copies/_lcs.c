/* How many words two profiles share in order: pairs.common_words over pairs.close_words in C.
 *
 * Why: rapidfuzz's cdist scores every word of one copy against every word of the other
 * (100 x 100 per pair, about 10 ns each here) and the LCS then runs over that matrix in
 * numpy (docs/benchmarks.md, "Copies across languages"). Here a letter-count bound rejects
 * most word pairs in a few instructions, the pairs left get the same Indel similarity as
 * rapidfuzz's (1.0 - distance / (len a + len b), compared with the cutoff as a double), and
 * Hyyro's bit vectors give the LCS over the words with no matrix kept. tests/test_copies_lcs.py
 * holds it equal to the Python reference.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

/* One word of a profile's text: a skeleton (fuzzy) or a number ('#...': itself only). */
typedef struct {
    Py_ssize_t start, length;
    uint64_t once_twice;  /* letter classes met at least once (low 32 bits) and twice (high) */
    uint32_t thrice;      /* ... and three times; `unbounded` when one is met four times */
    int number, unbounded, ascii;
} Word;

typedef struct { Py_UCS4 *data; Word *words; Py_ssize_t count; } Words;  /* data: the text, UCS4 */

static int letter_class(Py_UCS4 c) { return c >= 'a' && c <= 'z' ? (int)(c - 'a') : 26 + (int)(c % 6); }

/* The words of a profile's text (joined by single spaces), with their letter counts. */
static int parse(PyObject *text, Words *out) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), count = n > 0;
    Py_UCS4 *data = out->data = PyUnicode_AsUCS4Copy(text);  /* one read per character after */
    if (!data) return -1;
    for (Py_ssize_t i = 0; i < n; i++) count += data[i] == ' ';
    out->count = 0;
    if (!(out->words = PyMem_Calloc(count ? count : 1, sizeof(Word)))) { PyErr_NoMemory(); return -1; }
    for (Py_ssize_t i = 0; i < n;) {
        Py_ssize_t end = i;
        while (end < n && data[end] != ' ') end++;
        Word *w = &out->words[out->count++];
        unsigned char counts[32] = {0};
        w->start = i, w->length = end - i, w->number = data[i] == '#';
        w->ascii = 1;
        for (Py_ssize_t k = i; k < end; k++) {
            Py_UCS4 ch = data[k];
            int c = letter_class(ch);
            w->ascii &= ch < 128;
            if (counts[c] < 4) counts[c]++;
        }
        for (int c = 0; c < 32; c++) {
            if (counts[c] >= 1) w->once_twice |= (uint64_t)1 << c;
            if (counts[c] >= 2) w->once_twice |= (uint64_t)1 << (32 + c);
            if (counts[c] >= 3) w->thrice |= (uint32_t)1 << c;
            if (counts[c] >= 4) w->unbounded = 1;
        }
        i = end + 1;
    }
    return 0;
}

static inline Py_UCS4 char_at(const Words *text, const Word *w, Py_ssize_t i) { return text->data[w->start + i]; }

/* The LCS of two words' characters: Hyyro's bit vector over the first (ASCII, at most 64
 * characters, its match masks in `masks`), else the textbook table (rare: anyascii's
 * skeletons are ASCII, and few words are that long). */
static Py_ssize_t table_lcs(const Words *ta, const Word *a, const Words *tb, const Word *b);

#define INLINE static inline __attribute__((always_inline))  /* into words_lcs and its popcnt build */

INLINE Py_ssize_t char_lcs(const Words *ta, const Word *a, const uint64_t *masks, const Words *tb, const Word *b) {
    if (!masks || !b->ascii) return table_lcs(ta, a, tb, b);
    uint64_t v = ~(uint64_t)0;
    for (Py_ssize_t j = 0; j < b->length; j++) {
        uint64_t u = v & masks[char_at(tb, b, j)];
        v = (v + u) | (v - u);
    }
    return __builtin_popcountll(~v & (a->length == 64 ? ~(uint64_t)0 : ((uint64_t)1 << a->length) - 1));
}

static Py_ssize_t table_lcs(const Words *ta, const Word *a, const Words *tb, const Word *b) {
    Py_ssize_t *rows = PyMem_Calloc(2 * (b->length + 1), sizeof(Py_ssize_t));
    if (!rows) { PyErr_NoMemory(); return -1; }
    Py_ssize_t *prev = rows, *cur = rows + b->length + 1, *t;
    for (Py_ssize_t i = 0; i < a->length; i++, t = prev, prev = cur, cur = t) {
        Py_UCS4 c = char_at(ta, a, i);
        for (Py_ssize_t j = 0; j < b->length; j++)
            cur[j + 1] = c == char_at(tb, b, j) ? prev[j] + 1 : (prev[j + 1] > cur[j] ? prev[j + 1] : cur[j]);
    }
    Py_ssize_t lcs = prev[b->length];
    PyMem_Free(rows);
    return lcs;
}

INLINE int same_word(const Words *ta, const Word *a, const Words *tb, const Word *b) {
    if (a->length != b->length) return 0;
    for (Py_ssize_t i = 0; i < a->length; i++)
        if (char_at(ta, a, i) != char_at(tb, b, i)) return 0;
    return 1;
}

/* The fewest common characters two words of `length` characters in all need to be close:
 * rapidfuzz's test, 1.0 - (length - 2 lcs) / length >= similarity, in doubles. */
static Py_ssize_t fewest_common(Py_ssize_t length, double similarity) {
    Py_ssize_t lcs = 0;
    while (lcs <= length / 2 && !(length == 0 || 1.0 - (double)(length - 2 * lcs) / (double)length >= similarity)) lcs++;
    return lcs;
}

#define KNOWN_LENGTHS 256

typedef struct { double similarity; Py_ssize_t needed[KNOWN_LENGTHS]; uint64_t masks[128]; } Scorer;

/* Whether two words are one word: numbers when the same, skeletons when close (`masks`:
 * those of `a`, or NULL). -1: an error. */
INLINE int close_words(const Scorer *s, const Words *ta, const Word *a, const uint64_t *masks,
                       const Words *tb, const Word *b) {
    if (a->number || b->number) return a->number && b->number && same_word(ta, a, tb, b);
    Py_ssize_t length = a->length + b->length;
    Py_ssize_t need = length < KNOWN_LENGTHS ? s->needed[length] : fewest_common(length, s->similarity);
    if ((a->length < b->length ? a->length : b->length) < need) return 0;
    if (!a->unbounded && !b->unbounded
        && __builtin_popcountll(a->once_twice & b->once_twice) + __builtin_popcount(a->thrice & b->thrice) < need)
        return 0;  /* no more common characters than common letter counts */
    Py_ssize_t lcs = char_lcs(ta, a, masks, tb, b);
    return lcs < 0 ? -1 : lcs >= need;
}

/* Hyyro's LCS over the words of `ta` and `tb`, a row of matches at a time; `limbs` holds
 * 2 * ceil(words of tb / 64) 64-bit limbs. */
INLINE Py_ssize_t words_lcs(Scorer *s, const Words *ta, const Words *tb, uint64_t *limbs) {
    Py_ssize_t count = (tb->count + 63) / 64;
    uint64_t *vector = limbs, *row = limbs + count, last = tb->count % 64 ? ((uint64_t)1 << tb->count % 64) - 1 : ~(uint64_t)0;
    for (Py_ssize_t k = 0; k < count; k++) vector[k] = k + 1 < count ? ~(uint64_t)0 : last;
    for (Py_ssize_t i = 0; i < ta->count; i++) {
        const Word *a = &ta->words[i];
        int bits = a->ascii && a->length <= 64 && !a->number;
        for (Py_ssize_t k = 0; bits && k < a->length; k++) s->masks[char_at(ta, a, k)] |= (uint64_t)1 << k;
        memset(row, 0, count * sizeof(uint64_t));
        for (Py_ssize_t j = 0; j < tb->count; j++) {
            int close = close_words(s, ta, a, bits ? s->masks : NULL, tb, &tb->words[j]);
            if (close < 0) return -1;
            row[j / 64] |= (uint64_t)close << (j % 64);
        }
        for (Py_ssize_t k = 0; bits && k < a->length; k++) s->masks[char_at(ta, a, k)] = 0;
        uint64_t carry = 0;
        for (Py_ssize_t k = 0; k < count; k++) {  /* vector = (vector + shared) | (vector - shared) */
            uint64_t shared = vector[k] & row[k], sum = vector[k] + shared, total = sum + carry;
            carry = (sum < vector[k]) | (total < sum);
            vector[k] = (total | (vector[k] & ~shared)) & (k + 1 < count ? ~(uint64_t)0 : last);
        }
    }
    Py_ssize_t unmatched = 0;
    for (Py_ssize_t k = 0; k < count; k++) unmatched += __builtin_popcountll(vector[k]);
    return tb->count - unmatched;
}

static void free_words(Words *parsed, Py_ssize_t count) {
    for (Py_ssize_t k = 0; k < count; k++) PyMem_Free(parsed[k].words), PyMem_Free(parsed[k].data);
    PyMem_Free(parsed);
}

/* words_lcs with the popcnt instruction where the machine has one (x86-64 builds default to
 * a call per popcount, a seventh of the time), else as built. */
#if defined(__GNUC__) && defined(__x86_64__)
__attribute__((target("popcnt"))) static Py_ssize_t words_lcs_popcnt(Scorer *s, const Words *ta, const Words *tb, uint64_t *limbs) {
    return words_lcs(s, ta, tb, limbs);
}
#endif

static Py_ssize_t words_lcs_here(Scorer *s, const Words *ta, const Words *tb, uint64_t *limbs) {
#if defined(__GNUC__) && defined(__x86_64__)
    if (__builtin_cpu_supports("popcnt")) return words_lcs_popcnt(s, ta, tb, limbs);
#endif
    return words_lcs(s, ta, tb, limbs);
}

/* common_words(texts, pairs, similarity) -> [words in common of each pair]: `texts` are
 * profiles' words joined by spaces, each pair two indices into them. */
static PyObject *common_words(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *texts, *pairs, *result = NULL;
    double similarity;
    if (!PyArg_ParseTuple(args, "O!O!d:common_words", &PyList_Type, &texts, &PyList_Type, &pairs, &similarity))
        return NULL;
    Py_ssize_t count = PyList_GET_SIZE(texts), most = 1;
    Words *parsed = PyMem_Calloc(count ? count : 1, sizeof(Words));
    Scorer *s = PyMem_Calloc(1, sizeof(Scorer));
    uint64_t *limbs = NULL;
    if (!parsed || !s) { PyErr_NoMemory(); goto done; }
    s->similarity = similarity;
    for (Py_ssize_t length = 0; length < KNOWN_LENGTHS; length++) s->needed[length] = fewest_common(length, similarity);
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *text = PyList_GET_ITEM(texts, k);
        if (!PyUnicode_Check(text)) { PyErr_SetString(PyExc_TypeError, "texts must be str"); goto done; }
        if (parse(text, &parsed[k]) < 0) goto done;
        if (parsed[k].count > most) most = parsed[k].count;
    }
    if (!(limbs = PyMem_Calloc(2 * ((most + 63) / 64), sizeof(uint64_t)))) { PyErr_NoMemory(); goto done; }
    if (!(result = PyList_New(PyList_GET_SIZE(pairs)))) goto done;
    for (Py_ssize_t p = 0; p < PyList_GET_SIZE(pairs); p++) {
        Py_ssize_t a, b, lcs;
        PyObject *pair = PyList_GET_ITEM(pairs, p), *common;
        if (!PyArg_ParseTuple(pair, "nn:pair", &a, &b)) goto fail;
        if (a < 0 || b < 0 || a >= count || b >= count) { PyErr_SetString(PyExc_IndexError, "no such text"); goto fail; }
        if ((lcs = words_lcs_here(s, &parsed[a], &parsed[b], limbs)) < 0 || !(common = PyLong_FromSsize_t(lcs))) goto fail;
        PyList_SET_ITEM(result, p, common);
    }
    goto done;
fail:
    Py_CLEAR(result);
done:
    if (parsed) free_words(parsed, count);
    PyMem_Free(s), PyMem_Free(limbs);
    return result;
}

static PyMethodDef methods[] = {
    {"common_words", common_words, METH_VARARGS, "pairs.python_shared_words, compiled."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_lcs", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__lcs(void) { return PyModule_Create(&module); }
