/* How many words two profiles share in order: pairs.common_words over pairs.close_words in C.
 *
 * Why: rapidfuzz's cdist scores every word of one copy against every word of the other
 * (100 x 100 per pair, about 10 ns each here) and the LCS then runs over that matrix in
 * numpy (docs/benchmarks.md, "Copies across languages"). Here a letter-count bound rejects
 * most word pairs in a few instructions, the pairs left get the same Indel similarity as
 * rapidfuzz's (1.0 - distance / (len a + len b), compared with the cutoff as a double), and
 * Hyyro's bit vectors give the LCS over the words with no matrix kept. tests/test_copies_lcs.py
 * holds it equal to the Python reference.
 *
 * heads_lcs is the first look before it (pairs.shared_heads: rapidfuzz's LCSseq of the two
 * profiles' heads), for all candidate pairs in one call instead of one Python call each.
 * Both read their inputs with the GIL held, then score the pairs without it, in `threads`
 * threads (each pair's result is its own: the same at any thread count).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#include "_threads.h"

/* One word of a profile's text: a skeleton (fuzzy) or a number ('#...': itself only). */
typedef struct {
    Py_ssize_t start, length;
    int number, ascii;
} Word;

/* The words of a text, with each word's capped length and letter counts in arrays of their
 * own (words_lcs' first test reads only these: a word pair in a hundred passes it). */
typedef struct {
    PyObject *text;    /* a reference held while the GIL is released: its characters are read in place */
    const void *data;  /* PyUnicode_DATA of it, of PyUnicode_KIND `kind` */
    int kind;
    Py_ssize_t length;
    Word *words;
    Py_ssize_t count;
    uint8_t *lengths;     /* capped at LONG */
    int32_t *extra;       /* NUMBER for a number, UNBOUNDED for a word with a letter met four times, else 0 */
    uint64_t *once_twice; /* letter classes met at least once (low 32 bits) and twice (high) */
    uint32_t *thrice;     /* ... and three times */
} Words;

#define LONG 255           /* a length from here is long: always tested in full */
#define NUMBER (-10000)    /* scores of a number: below any need but ALWAYS */
#define UNBOUNDED 1000     /* above any need but NEVER: the letter-count bound does not hold */
#define NEVER 30000        /* a need no pair reaches: too short for the other */
#define ALWAYS (-30000)    /* a need every pair reaches: tested in full */

static int letter_class(Py_UCS4 c) { return c >= 'a' && c <= 'z' ? (int)(c - 'a') : 26 + (int)(c % 6); }

/* The words of a profile's text (`data`: its words joined by single spaces), with their
 * letter counts; no GIL needed (Raw allocations). -1: out of memory. */
static int parse(Words *out) {
    Py_ssize_t n = out->length, count = n > 0;
    const void *data = out->data;
    int kind = out->kind;
    for (Py_ssize_t i = 0; i < n; i++) count += PyUnicode_READ(kind, data, i) == ' ';
    Py_ssize_t room = count ? count : 1;
    out->count = 0;
    out->words = PyMem_RawMalloc(room * sizeof(Word)), out->lengths = PyMem_RawMalloc(room);
    out->extra = PyMem_RawMalloc(room * sizeof(int32_t)), out->once_twice = PyMem_RawMalloc(room * sizeof(uint64_t));
    out->thrice = PyMem_RawMalloc(room * sizeof(uint32_t));
    if (!out->words || !out->lengths || !out->extra || !out->once_twice || !out->thrice) return -1;
    for (Py_ssize_t i = 0; i < n;) {
        Py_ssize_t end = i, k = out->count++;
        while (end < n && PyUnicode_READ(kind, data, end) != ' ') end++;
        Word *w = &out->words[k];
        uint64_t once_twice = 0;
        uint32_t thrice = 0;
        int unbounded = 0;
        w->start = i, w->length = end - i, w->number = PyUnicode_READ(kind, data, i) == '#', w->ascii = 1;
        for (Py_ssize_t c = i; c < end; c++) {  /* a class's next count: once, twice, thrice, more */
            Py_UCS4 ch = PyUnicode_READ(kind, data, c);
            uint64_t bit = (uint64_t)1 << letter_class(ch);
            w->ascii &= ch < 128;
            if (!(once_twice & bit)) once_twice |= bit;
            else if (!(once_twice & bit << 32)) once_twice |= bit << 32;
            else if (!(thrice & bit)) thrice |= (uint32_t)bit;
            else unbounded = 1;
        }
        out->lengths[k] = w->length < LONG ? (uint8_t)w->length : LONG;
        out->extra[k] = w->number ? NUMBER : unbounded ? UNBOUNDED : 0;
        out->once_twice[k] = once_twice, out->thrice[k] = thrice;
        i = end + 1;
    }
    return 0;
}

static inline Py_UCS4 char_at(const Words *text, const Word *w, Py_ssize_t i) {
    return PyUnicode_READ(text->kind, text->data, w->start + i);
}

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
    Py_ssize_t *rows = PyMem_RawCalloc(2 * (b->length + 1), sizeof(Py_ssize_t));  /* Raw: no GIL here */
    if (!rows) return -1;
    Py_ssize_t *prev = rows, *cur = rows + b->length + 1, *t;
    for (Py_ssize_t i = 0; i < a->length; i++, t = prev, prev = cur, cur = t) {
        Py_UCS4 c = char_at(ta, a, i);
        for (Py_ssize_t j = 0; j < b->length; j++)
            cur[j + 1] = c == char_at(tb, b, j) ? prev[j] + 1 : (prev[j + 1] > cur[j] ? prev[j + 1] : cur[j]);
    }
    Py_ssize_t lcs = prev[b->length];
    PyMem_RawFree(rows);
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

/* need_at[length a][length b] (capped at LONG): what a word pair's letter-count bound must
 * reach for the pair to be tested in full (NEVER, ALWAYS, or close_words' fewest common). */
typedef struct {
    double similarity;
    Py_ssize_t needed[KNOWN_LENGTHS];
    uint64_t masks[128];
    int32_t need_at[LONG + 1][LONG + 1];
} Scorer;

static void fill_needs(Scorer *s) {
    for (Py_ssize_t length = 0; length < KNOWN_LENGTHS; length++) s->needed[length] = fewest_common(length, s->similarity);
    for (Py_ssize_t la = 0; la <= LONG; la++)
        for (Py_ssize_t lb = 0; lb <= LONG; lb++) {
            Py_ssize_t total = la + lb, shorter = la < lb ? la : lb;
            s->need_at[la][lb] = la == LONG || lb == LONG || total >= KNOWN_LENGTHS ? ALWAYS
                               : shorter < s->needed[total] ? NEVER : (int32_t)s->needed[total];
        }
}

/* Whether two words are one word: numbers when the same, skeletons when close (`masks`:
 * those of `a`, or NULL). -1: an error. (words_lcs asks only of pairs whose letter counts
 * leave room for enough common characters.) */
INLINE int close_words(const Scorer *s, const Words *ta, const Word *a, const uint64_t *masks,
                       const Words *tb, const Word *b) {
    if (a->number || b->number) return a->number && b->number && same_word(ta, a, tb, b);
    Py_ssize_t length = a->length + b->length;
    Py_ssize_t need = length < KNOWN_LENGTHS ? s->needed[length] : fewest_common(length, s->similarity);
    if ((a->length < b->length ? a->length : b->length) < need) return 0;
    Py_ssize_t lcs = char_lcs(ta, a, masks, tb, b);
    return lcs < 0 ? -1 : lcs >= need;
}

/* Hyyro's LCS over the words of `ta` and `tb`, a row of matches at a time; `limbs` holds
 * 2 * ceil(words of tb / 64) 64-bit limbs, `chosen` room for tb's words. */
/* Bit vectors of Hyyro's LCS over `limbs` 64-bit limbs, for a text of `length` positions:
 * the mask of the last limb's positions, all positions set, one step, the positions unset. */
static inline uint64_t last_limb(Py_ssize_t length) {
    return length % 64 ? ((uint64_t)1 << length % 64) - 1 : ~(uint64_t)0;
}

INLINE void all_set(uint64_t *v, Py_ssize_t limbs, uint64_t last) {
    for (Py_ssize_t k = 0; k < limbs; k++) v[k] = k + 1 < limbs ? ~(uint64_t)0 : last;
}

INLINE void hyyro_step(uint64_t *v, const uint64_t *match, Py_ssize_t limbs, uint64_t last) {
    uint64_t carry = 0;
    for (Py_ssize_t k = 0; k < limbs; k++) {  /* v = (v + u) | (v - u), u = v & match: u is a subset */
        uint64_t u = v[k] & match[k], sum = v[k] + u, total = sum + carry;
        carry = (sum < v[k]) | (total < sum);
        v[k] = (total | (v[k] & ~u)) & (k + 1 < limbs ? ~(uint64_t)0 : last);
    }
}

INLINE Py_ssize_t unset(const uint64_t *v, Py_ssize_t limbs, Py_ssize_t length) {
    Py_ssize_t set = 0;
    for (Py_ssize_t k = 0; k < limbs; k++) set += __builtin_popcountll(v[k]);
    return length - set;
}

INLINE Py_ssize_t words_lcs(Scorer *s, const Words *ta, const Words *tb, uint64_t *limbs, Py_ssize_t *chosen) {
    Py_ssize_t count = (tb->count + 63) / 64;
    uint64_t *vector = limbs, *row = limbs + count, last = last_limb(tb->count);
    all_set(vector, count, last);
    for (Py_ssize_t i = 0; i < ta->count; i++) {
        const Word *a = &ta->words[i];
        int bits = a->ascii && a->length <= 64 && !a->number;
        for (Py_ssize_t k = 0; bits && k < a->length; k++) s->masks[char_at(ta, a, k)] |= (uint64_t)1 << k;
        memset(row, 0, count * sizeof(uint64_t));
        Py_ssize_t found = 0;
        if (a->number) {
            for (Py_ssize_t j = 0; j < tb->count; j++) chosen[j] = j;
            found = tb->count;
        } else {  /* close_words' own length and letter-count tests, without branches, over all of b */
            const int32_t *need = s->need_at[ta->lengths[i]];
            uint64_t once_twice = ta->once_twice[i];
            uint32_t thrice = ta->thrice[i];
            int32_t base = ta->extra[i];  /* UNBOUNDED or 0: a is no number here */
            for (Py_ssize_t j = 0; j < tb->count; j++) {
                int32_t score = __builtin_popcountll(once_twice & tb->once_twice[j]) + __builtin_popcount(thrice & tb->thrice[j])
                                + tb->extra[j] + base;
                chosen[found] = j;
                found += score >= need[tb->lengths[j]];
            }
        }
        for (Py_ssize_t c = 0; c < found; c++) {
            Py_ssize_t j = chosen[c];
            int close = close_words(s, ta, a, bits ? s->masks : NULL, tb, &tb->words[j]);
            if (close < 0) return -1;
            row[j / 64] |= (uint64_t)close << (j % 64);
        }
        for (Py_ssize_t k = 0; bits && k < a->length; k++) s->masks[char_at(ta, a, k)] = 0;
        hyyro_step(vector, row, count, last);
    }
    return unset(vector, count, tb->count);
}

static void free_words(Words *parsed, Py_ssize_t count) {
    for (Py_ssize_t k = 0; k < count; k++) {
        Words *w = &parsed[k];
        Py_XDECREF(w->text);
        PyMem_RawFree(w->words), PyMem_RawFree(w->lengths), PyMem_RawFree(w->extra);
        PyMem_RawFree(w->once_twice), PyMem_RawFree(w->thrice);
    }
    PyMem_Free(parsed);
}

/* words_lcs with the popcnt instruction where the machine has one (x86-64 builds default to
 * a call per popcount, a seventh of the time), else as built. */
#if defined(__GNUC__) && defined(__x86_64__)
__attribute__((target("popcnt"))) static Py_ssize_t words_lcs_popcnt(Scorer *s, const Words *ta, const Words *tb,
                                                                      uint64_t *limbs, Py_ssize_t *chosen) {
    return words_lcs(s, ta, tb, limbs, chosen);
}
#endif

static Py_ssize_t words_lcs_here(Scorer *s, const Words *ta, const Words *tb, uint64_t *limbs, Py_ssize_t *chosen) {
#if defined(__GNUC__) && defined(__x86_64__)
    if (__builtin_cpu_supports("popcnt")) return words_lcs_popcnt(s, ta, tb, limbs, chosen);
#endif
    return words_lcs(s, ta, tb, limbs, chosen);
}

/* A share of one call's items for one thread (pairs, or texts to parse): their lengths into
 * `lengths`. */
typedef struct {
    Share share;
    const void *texts;  /* Words (common_words) or Heads (heads_lcs), by index */
    const Py_ssize_t *pairs;  /* two indices a pair */
    Py_ssize_t *lengths, most;  /* most: the longest text's count */
    double similarity;
} Slice;

/* `body` over `count` items of `all` in `threads` threads; -1 when one ran out of memory. */
static int run_slices(void *(*body)(void *), const Slice *all, Py_ssize_t count, int threads) {
    Slice slices[MOST_THREADS];
    return any_failed(slices, sizeof(Slice), run_shares(body, all, slices, sizeof(Slice), count, threads)) ? -1 : 0;
}

static void *parse_slice(void *arg) {
    Slice *slice = arg;
    Words *parsed = (Words *)slice->texts;
    for (Py_ssize_t k = slice->share.from; k < slice->share.to && !slice->share.failed; k++) slice->share.failed = parse(&parsed[k]) < 0;
    return NULL;
}

static void *common_words_slice(void *arg) {
    Slice *slice = arg;
    const Words *parsed = slice->texts;
    Scorer *s = PyMem_RawCalloc(1, sizeof(Scorer));
    uint64_t *limbs = PyMem_RawCalloc(2 * ((slice->most + 63) / 64), sizeof(uint64_t));
    Py_ssize_t *chosen = PyMem_RawMalloc(slice->most * sizeof(Py_ssize_t));
    if (!s || !limbs || !chosen) slice->share.failed = 1;
    else s->similarity = slice->similarity, fill_needs(s);
    for (Py_ssize_t p = slice->share.from; p < slice->share.to && !slice->share.failed; p++) {
        const Py_ssize_t *pair = &slice->pairs[2 * p];
        slice->share.failed = (slice->lengths[p] = words_lcs_here(s, &parsed[pair[0]], &parsed[pair[1]], limbs, chosen)) < 0;
    }
    PyMem_RawFree(s), PyMem_RawFree(limbs), PyMem_RawFree(chosen);
    return NULL;
}

/* Each pair's two indices into `count` texts, read from a list of tuples; NULL on an error. */
static Py_ssize_t *read_pairs(PyObject *pairs, Py_ssize_t count) {
    Py_ssize_t n = PyList_GET_SIZE(pairs), *read = PyMem_Malloc(2 * (n ? n : 1) * sizeof(Py_ssize_t));
    if (!read) { PyErr_NoMemory(); return NULL; }
    for (Py_ssize_t p = 0; p < n; p++) {
        Py_ssize_t *pair = &read[2 * p];
        if (!PyArg_ParseTuple(PyList_GET_ITEM(pairs, p), "nn:pair", &pair[0], &pair[1])) goto fail;
        if (pair[0] < 0 || pair[1] < 0 || pair[0] >= count || pair[1] >= count) {
            PyErr_SetString(PyExc_IndexError, "no such text");
            goto fail;
        }
    }
    return read;
fail:
    PyMem_Free(read);
    return NULL;
}

/* The lengths as a list of ints; NULL (an error set) when `failed`. */
static PyObject *length_list(const Py_ssize_t *lengths, Py_ssize_t n, int failed) {
    if (failed) return PyErr_NoMemory();
    PyObject *result = PyList_New(n);
    for (Py_ssize_t p = 0; result && p < n; p++) {
        PyObject *length = PyLong_FromSsize_t(lengths[p]);
        if (!length) Py_CLEAR(result);
        else PyList_SET_ITEM(result, p, length);
    }
    return result;
}

/* common_words(texts, pairs, similarity, threads=1) -> [words in common of each pair]:
 * `texts` are profiles' words joined by spaces, each pair two indices into them. */
static PyObject *common_words(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *texts, *pairs, *result = NULL;
    Slice all = {0}, texts_slice = {0};
    int threads = 1;
    if (!PyArg_ParseTuple(args, "O!O!d|i:common_words", &PyList_Type, &texts, &PyList_Type, &pairs,
                          &all.similarity, &threads))
        return NULL;
    Py_ssize_t count = PyList_GET_SIZE(texts), n = PyList_GET_SIZE(pairs);
    Words *parsed = PyMem_Calloc(count ? count : 1, sizeof(Words));
    Py_ssize_t *lengths = PyMem_Calloc(n ? n : 1, sizeof(Py_ssize_t)), *read = NULL;
    if (!parsed || !lengths) { PyErr_NoMemory(); goto done; }
    all.most = 1;
    for (Py_ssize_t k = 0; k < count; k++) {  /* held with the GIL, parsed without it */
        PyObject *text = PyList_GET_ITEM(texts, k);
        if (!PyUnicode_Check(text)) { PyErr_SetString(PyExc_TypeError, "texts must be str"); goto done; }
        if (PyUnicode_READY(text) < 0) goto done;
        Py_INCREF(text);
        parsed[k].text = text, parsed[k].data = PyUnicode_DATA(text), parsed[k].kind = PyUnicode_KIND(text);
        parsed[k].length = PyUnicode_GET_LENGTH(text);
    }
    texts_slice.texts = parsed;
    if (run_slices(parse_slice, &texts_slice, count, threads) < 0) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t k = 0; k < count; k++) all.most = parsed[k].count > all.most ? parsed[k].count : all.most;
    if (!(read = read_pairs(pairs, count))) goto done;
    all.texts = parsed, all.pairs = read, all.lengths = lengths;
    result = length_list(lengths, n, run_slices(common_words_slice, &all, n, threads) < 0);
done:
    if (parsed) free_words(parsed, count);
    PyMem_Free(lengths), PyMem_Free(read);
    return result;
}

/* A profile's heads (one character a word), and what heads_lcs keeps between pairs: a hash of
 * the shorter text's characters to their match masks (Hyyro's bit vectors over its positions). */
typedef struct { Py_UCS4 *data; Py_ssize_t length; } Heads;

typedef struct {
    Py_UCS4 *keys;     /* `size` slots, EMPTY or a character of the shorter text */
    Py_ssize_t *slot;  /* its row of `masks` */
    uint64_t *masks, *vector;
    Py_ssize_t size, room;  /* slots; characters (rows of masks) there is room for */
} Masks;

#define EMPTY ((Py_UCS4)0xFFFFFFFF)  /* no code point */

/* Room in `m` for `size` hash slots and the masks of `length` characters over `limbs` limbs. */
static int make_room(Masks *m, Py_ssize_t size, Py_ssize_t length, Py_ssize_t limbs) {
    if (size > m->size) {
        PyMem_RawFree(m->keys), PyMem_RawFree(m->slot);
        m->keys = PyMem_RawMalloc(size * sizeof(Py_UCS4)), m->slot = PyMem_RawMalloc(size * sizeof(Py_ssize_t));
        m->size = m->keys && m->slot ? size : 0;
        if (!m->size) return -1;
    }
    if (length * limbs > m->room) {
        PyMem_RawFree(m->masks), PyMem_RawFree(m->vector);
        m->masks = PyMem_RawMalloc(length * limbs * sizeof(uint64_t)), m->vector = PyMem_RawMalloc(limbs * sizeof(uint64_t));
        m->room = m->masks && m->vector ? length * limbs : 0;
        if (!m->room) return -1;
    }
    return 0;
}

static inline Py_ssize_t slot_of(const Masks *m, Py_UCS4 c, Py_ssize_t size) {
    Py_ssize_t k = (Py_ssize_t)((c * (uint64_t)0x9E3779B97F4A7C15u) >> 40) & (size - 1);
    while (m->keys[k] != EMPTY && m->keys[k] != c) k = (k + 1) & (size - 1);
    return k;
}

/* The length of the longest common subsequence of two heads: Hyyro's bit vectors over the
 * shorter one's positions, one step per character of the longer. -1: out of memory. */
static Py_ssize_t heads_lcs_of(Masks *m, const Heads *a, const Heads *b) {
    if (a->length > b->length) { const Heads *t = a; a = b, b = t; }
    if (!a->length) return 0;
    Py_ssize_t limbs = (a->length + 63) / 64, size = 16, rows = 0;
    while (size < 2 * a->length) size *= 2;
    if (make_room(m, size, a->length, limbs) < 0) return -1;
    for (Py_ssize_t k = 0; k < size; k++) m->keys[k] = EMPTY;
    for (Py_ssize_t i = 0; i < a->length; i++) {
        Py_ssize_t k = slot_of(m, a->data[i], size);
        if (m->keys[k] == EMPTY) {
            m->keys[k] = a->data[i], m->slot[k] = rows++;
            memset(&m->masks[m->slot[k] * limbs], 0, limbs * sizeof(uint64_t));
        }
        m->masks[m->slot[k] * limbs + i / 64] |= (uint64_t)1 << (i % 64);
    }
    uint64_t last = last_limb(a->length);
    all_set(m->vector, limbs, last);
    for (Py_ssize_t j = 0; j < b->length; j++) {
        Py_ssize_t k = slot_of(m, b->data[j], size);
        if (m->keys[k] != EMPTY) hyyro_step(m->vector, &m->masks[m->slot[k] * limbs], limbs, last);  /* else it stays */
    }
    return unset(m->vector, limbs, a->length);
}

static void *heads_lcs_slice(void *arg) {
    Slice *slice = arg;
    const Heads *heads = slice->texts;
    Masks m = {0};
    for (Py_ssize_t p = slice->share.from; p < slice->share.to && !slice->share.failed; p++) {
        const Py_ssize_t *pair = &slice->pairs[2 * p];
        slice->share.failed = (slice->lengths[p] = heads_lcs_of(&m, &heads[pair[0]], &heads[pair[1]])) < 0;
    }
    PyMem_RawFree(m.keys), PyMem_RawFree(m.slot), PyMem_RawFree(m.masks), PyMem_RawFree(m.vector);
    return NULL;
}

/* heads_lcs(heads, pairs, threads=1) -> [LCS length of each pair's two heads]: rapidfuzz's
 * LCSseq.similarity of any two strings, each pair two indices into `heads`. */
static PyObject *heads_lcs(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *texts, *pairs, *result = NULL;
    Slice all = {0};
    int threads = 1;
    if (!PyArg_ParseTuple(args, "O!O!|i:heads_lcs", &PyList_Type, &texts, &PyList_Type, &pairs, &threads))
        return NULL;
    Py_ssize_t count = PyList_GET_SIZE(texts), n = PyList_GET_SIZE(pairs), k = 0;
    Heads *heads = PyMem_Calloc(count ? count : 1, sizeof(Heads));
    Py_ssize_t *lengths = PyMem_Calloc(n ? n : 1, sizeof(Py_ssize_t)), *read = NULL;
    if (!heads || !lengths) { PyErr_NoMemory(); goto done; }
    for (; k < count; k++) {
        PyObject *text = PyList_GET_ITEM(texts, k);
        if (!PyUnicode_Check(text)) { PyErr_SetString(PyExc_TypeError, "heads must be str"); goto done; }
        if (!(heads[k].data = PyUnicode_AsUCS4Copy(text))) goto done;
        heads[k].length = PyUnicode_GET_LENGTH(text);
    }
    if (!(read = read_pairs(pairs, count))) goto done;
    all.texts = heads, all.pairs = read, all.lengths = lengths;
    result = length_list(lengths, n, run_slices(heads_lcs_slice, &all, n, threads) < 0);
done:
    for (Py_ssize_t j = 0; heads && j < k; j++) PyMem_Free(heads[j].data);
    PyMem_Free(heads), PyMem_Free(lengths), PyMem_Free(read);
    return result;
}

static PyMethodDef methods[] = {
    {"common_words", common_words, METH_VARARGS, "pairs.python_shared_words, compiled."},
    {"heads_lcs", heads_lcs, METH_VARARGS, "rapidfuzz's LCSseq.similarity of each pair of strings, compiled."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_lcs", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__lcs(void) { return PyModule_Create(&module); }
