/* The grouping profile's words in one pass: profile.python_folded_words in C.
 *
 * Why: the clean run's workers profile every article they write, and in Python that is
 * a regex, a transliteration and a loop per word (docs/benchmarks.md, "Copies across
 * languages"). This does the same, character for character; tests/test_copies_fold.py
 * holds it equal to the Python reference on real pages and random text.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define LETTER_CODES 0xE000                /* profile._LETTER_CODES */
#define OTHER_CODES (LETTER_CODES + 531441) /* + 27 ** 4: profile._OTHER_CODES */

typedef struct { Py_UCS4 *at; Py_ssize_t len, cap; } Buffer;

static int put(Buffer *b, Py_UCS4 c) {
    if (b->len == b->cap) {
        Py_ssize_t cap = b->cap ? 2 * b->cap : 256;
        Py_UCS4 *at = PyMem_Realloc(b->at, cap * sizeof(Py_UCS4));
        if (!at) { PyErr_NoMemory(); return -1; }
        b->at = at, b->cap = cap;
    }
    b->at[b->len++] = c;
    return 0;
}

static PyObject *as_str(Buffer *b) {
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, b->at ? b->at : (Py_UCS4 *)"", b->len);
}

/* anyascii of one code point, kept for the process (the same callable every call). */
static PyObject **spelled;

static PyObject *spelling_of(Py_UCS4 c, PyObject *anyascii) {
    if (!spelled && !(spelled = PyMem_Calloc(0x110000, sizeof(PyObject *))))
        return PyErr_NoMemory();
    if (!spelled[c]) {
        PyObject *one = PyUnicode_FromOrdinal(c), *out;
        if (!one) return NULL;
        out = PyObject_CallOneArg(anyascii, one);
        Py_DECREF(one);
        if (!out) return NULL;
        if (!PyUnicode_Check(out) || !PyUnicode_IS_ASCII(out)) {
            Py_DECREF(out);
            return PyErr_Format(PyExc_ValueError, "anyascii gave no ASCII for U+%04X", c);
        }
        spelled[c] = out;
    }
    return spelled[c];
}

/* zlib's CRC-32, by its table: Python's zlib module has no C API, and a machine may lack
 * zlib's headers. */
static uint32_t crc_table[256];

static uint32_t crc_byte(uint32_t crc, unsigned char byte) {
    return crc_table[(crc ^ byte) & 0xFF] ^ (crc >> 8);
}

/* zlib.crc32 of the UTF-8 of `head`, as profile.head_code reads it. */
static uint32_t crc32_utf8(const Py_UCS4 *head, Py_ssize_t n) {
    uint32_t crc = 0xFFFFFFFFu;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = head[i];
        if (c < 0x80) crc = crc_byte(crc, c);
        else if (c < 0x800) { crc = crc_byte(crc, 0xC0 | c >> 6); crc = crc_byte(crc, 0x80 | (c & 0x3F)); }
        else if (c < 0x10000) {
            crc = crc_byte(crc, 0xE0 | c >> 12); crc = crc_byte(crc, 0x80 | (c >> 6 & 0x3F));
            crc = crc_byte(crc, 0x80 | (c & 0x3F));
        } else {
            crc = crc_byte(crc, 0xF0 | c >> 18); crc = crc_byte(crc, 0x80 | (c >> 12 & 0x3F));
            crc = crc_byte(crc, 0x80 | (c >> 6 & 0x3F)); crc = crc_byte(crc, 0x80 | (c & 0x3F));
        }
    }
    return crc ^ 0xFFFFFFFFu;
}

/* profile.head_code: four letters a-z or fewer as base 27, any other head by its CRC-32. */
static Py_UCS4 head_code(const Py_UCS4 *head, Py_ssize_t n) {
    Py_UCS4 code = 0, weight = 1;
    int letters = n <= 4;
    for (Py_ssize_t i = 0; letters && i < n; i++, weight *= 27)
        if ((letters = head[i] >= 'a' && head[i] <= 'z')) code += (head[i] - 96) * weight;
    if (letters) return LETTER_CODES + code;
    return OTHER_CODES + crc32_utf8(head, n) % (0x110000 - OTHER_CODES);
}

/* Each code point's class, as met: Python's four calls of Py_UNICODE_ISALNUM per character
 * were most of the time of a pass. LETTER is what re's [^\W\d_] matches (a letter, or a digit
 * that is no decimal, such as the 2 of m²), DECIMAL its \d, DIGIT str.isdigit. */
enum { KNOWN = 1, LETTER = 2, DECIMAL = 4, DIGIT = 8 };
static unsigned char classes[0x110000];

static inline unsigned char class_of(Py_UCS4 c) {
    if (!classes[c])
        classes[c] = KNOWN | (Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c) ? LETTER : 0)
                     | (Py_UNICODE_ISDECIMAL(c) ? DECIMAL : 0) | (Py_UNICODE_ISDIGIT(c) ? DIGIT : 0);
    return classes[c];
}

static inline int is_letter(Py_UCS4 c) { return class_of(c) & LETTER; }
static inline int is_decimal(Py_UCS4 c) { return class_of(c) & DECIMAL; }

/* profile.skeletons for one word, appended to `out`: transliterated, lower case, no
 * spaces, ph/th/c/q/z/y/w spelled one way, each run of one character once. */
static int put_skeleton(Buffer *out, Buffer *spelt, int kind, const void *text,
                        Py_ssize_t start, Py_ssize_t end, PyObject *anyascii) {
    spelt->len = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, text, i);
        if (c < 0x80) { /* an ASCII letter: a token holds no other ASCII */
            if (put(spelt, c >= 'A' && c <= 'Z' ? c + 32 : c) < 0) return -1;
            continue;
        }
        PyObject *spelling = spelling_of(c, anyascii);
        if (!spelling) return -1;
        const Py_UCS1 *ascii = PyUnicode_1BYTE_DATA(spelling);
        for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(spelling); k++) {
            Py_UCS4 a = ascii[k] >= 'A' && ascii[k] <= 'Z' ? ascii[k] + 32 : ascii[k];
            if (a != ' ' && put(spelt, a) < 0) return -1;
        }
    }
    Py_ssize_t from = out->len;
    for (Py_ssize_t i = 0; i < spelt->len; i++) {
        Py_UCS4 a = spelt->at[i], next = i + 1 < spelt->len ? spelt->at[i + 1] : 0;
        if ((a == 'p' || a == 't') && next == 'h') a = a == 'p' ? 'f' : 't', i++;
        else if (a == 'c' || a == 'q') a = 'k';
        else if (a == 'z') a = 's';
        else if (a == 'y') a = 'i';
        else if (a == 'w') a = 'v';
        if ((out->len == from || out->at[out->len - 1] != a) && put(out, a) < 0) return -1;
    }
    return 0;
}

static Py_ssize_t decimals_end(int kind, const void *text, Py_ssize_t i, Py_ssize_t n) {
    while (i < n && is_decimal(PyUnicode_READ(kind, text, i))) i++;
    return i;
}

/* The end of the token at `i` (re's \d+(?:[.,]\d+)?|[^\W\d_]{min,}), or -1 for none, in which
 * case *skip is where to look next. */
static Py_ssize_t token_end(int kind, const void *text, Py_ssize_t i, Py_ssize_t n,
                            Py_ssize_t min_length, Py_ssize_t *skip) {
    Py_UCS4 c = PyUnicode_READ(kind, text, i);
    Py_ssize_t end = i + 1;
    if (is_decimal(c)) {
        end = decimals_end(kind, text, end, n);
        if (end + 1 < n && (PyUnicode_READ(kind, text, end) == '.' || PyUnicode_READ(kind, text, end) == ',')
            && is_decimal(PyUnicode_READ(kind, text, end + 1)))
            end = decimals_end(kind, text, end + 1, n);
        return end;
    }
    if (!is_letter(c)) { *skip = end; return -1; }
    while (end < n && is_letter(PyUnicode_READ(kind, text, end))) end++;
    if (end - i >= min_length) return end;
    *skip = end; /* no shorter run inside it matches either */
    return -1;
}

static int compare_codes(const void *a, const void *b) {
    Py_UCS4 x = *(const Py_UCS4 *)a, y = *(const Py_UCS4 *)b;
    return (x > y) - (x < y);
}

/* folded_words(text, min_length, max_words, stem_length, stem_min_length, grouping_words,
 * anyascii) -> (words joined by spaces, head codes, stems, starts): see profile.folded_words. */
static PyObject *folded_words(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *text, *anyascii, *starts, *result = NULL;
    Py_ssize_t min_length, max_words, stem_length, stem_min_length, grouping_words;
    if (!PyArg_ParseTuple(args, "UnnnnnO:folded_words", &text, &min_length, &max_words,
                          &stem_length, &stem_min_length, &grouping_words, &anyascii))
        return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0, tokens = 0, kept = 0;
    Buffer words = {0}, heads = {0}, stems = {0}, spelt = {0};
    if (!(starts = PyList_New(0))) return NULL;
    while (i < n && tokens < max_words) {
        Py_ssize_t start = i, end = token_end(kind, data, i, n, min_length, &i);
        if (end < 0) continue;
        tokens++, i = end;
        Py_ssize_t separator = words.len, from = words.len + (words.len > 0);
        if (words.len > 0 && put(&words, ' ') < 0) goto done;
        int number = class_of(PyUnicode_READ(kind, data, start)) & DIGIT;
        if (number) {
            if (put(&words, '#') < 0) goto done;
            for (Py_ssize_t k = start; k < end; k++) {
                Py_UCS4 c = PyUnicode_READ(kind, data, k);
                if (put(&words, c == ',' ? '.' : c) < 0) goto done;
            }
        } else if (put_skeleton(&words, &spelt, kind, data, start, end, anyascii) < 0) goto done;
        Py_ssize_t length = words.len - from;
        if (length == 0) { words.len = separator; continue; } /* anyascii spells it as nothing */
        Py_UCS4 code = head_code(words.at + from, number || length < stem_length ? length : stem_length);
        PyObject *at = PyLong_FromSsize_t(start);
        if (!at || PyList_Append(starts, at) < 0) { Py_XDECREF(at); goto done; }
        Py_DECREF(at);
        if (put(&heads, code) < 0) goto done;
        if (kept++ < grouping_words && (number || length >= stem_min_length) && put(&stems, code) < 0) goto done;
    }
    if (stems.len) qsort(stems.at, stems.len, sizeof(Py_UCS4), compare_codes);
    Py_ssize_t unique = 0;
    for (Py_ssize_t k = 0; k < stems.len; k++)
        if (unique == 0 || stems.at[unique - 1] != stems.at[k]) stems.at[unique++] = stems.at[k];
    stems.len = unique;
    PyObject *w = as_str(&words), *h = as_str(&heads), *s = as_str(&stems);
    if (w && h && s) result = PyTuple_Pack(4, w, h, s, starts);
    Py_XDECREF(w), Py_XDECREF(h), Py_XDECREF(s);
done:
    Py_DECREF(starts);
    PyMem_Free(words.at), PyMem_Free(heads.at), PyMem_Free(stems.at), PyMem_Free(spelt.at);
    return result;
}

static PyMethodDef methods[] = {
    {"folded_words", folded_words, METH_VARARGS, "profile.python_folded_words, compiled."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_fold", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__fold(void) {
    for (uint32_t byte = 0; byte < 256; byte++) {
        uint32_t crc = byte;
        for (int bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        crc_table[byte] = crc;
    }
    return PyModule_Create(&module);
}
