/* Each article's candidate copies, compiled: candidates.python_top_pairs in C.
 *
 * Why: at 100,000 articles the sparse product of the stem matrix with its transpose, its
 * COO form and the sort that ranks each row's entries cost 7 s of the grouping's 20 s
 * (docs/benchmarks.md, "Copies across languages"). Here each row of the product is summed
 * as scipy's csr_matmat sums it (float32, the same order: the same cosines), and only its
 * best few entries are kept, row by row in `threads` threads without the GIL.
 * tests/test_copies_candidates.py holds it equal to the Python reference.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "_threads.h"

typedef struct { float cosine; int64_t other; } Entry;

/* One thread's rows (its share) and the pairs it found, (i, j) with i < j, in row order. */
typedef struct {
    Share share;
    const int64_t *indptr, *indices, *t_indptr, *t_indices, *languages;
    const float *data, *t_data;
    int64_t articles;
    int other_count, same_count;
    float floor;
    int64_t *found;
    Py_ssize_t found_count, room;
} Rows;

/* Whether `e` ranks before `than`: a higher cosine, then the lower article. */
static inline int before(Entry e, Entry than) {
    return e.cosine > than.cosine || (e.cosine == than.cosine && e.other < than.other);
}

/* Put `e` among the best `count` of `best` (`*held` of them, best first). */
static void rank(Entry *best, int count, int *held, Entry e) {
    if (count <= 0 || (*held == count && !before(e, best[count - 1]))) return;
    int k = *held < count ? (*held)++ : count - 1;
    for (; k > 0 && before(e, best[k - 1]); k--) best[k] = best[k - 1];
    best[k] = e;
}

static int add_pair(Rows *r, int64_t a, int64_t b) {
    if (r->found_count + 2 > r->room) {
        Py_ssize_t room = r->room ? 2 * r->room : 4096;
        int64_t *grown = PyMem_RawRealloc(r->found, room * sizeof(int64_t));
        if (!grown) return -1;
        r->found = grown, r->room = room;
    }
    r->found[r->found_count++] = a < b ? a : b;
    r->found[r->found_count++] = a < b ? b : a;
    return 0;
}

static void *rows_slice(void *arg) {
    Rows *r = arg;
    float *sums = PyMem_RawCalloc(r->articles ? r->articles : 1, sizeof(float));
    int64_t *next = PyMem_RawMalloc((r->articles ? r->articles : 1) * sizeof(int64_t));
    Entry *other = PyMem_RawMalloc((r->other_count + r->same_count + 1) * sizeof(Entry)), *same;
    if (!sums || !next || !other) { r->share.failed = 1; goto done; }
    same = other + r->other_count;
    for (int64_t k = 0; k < r->articles; k++) next[k] = -1;
    for (int64_t i = r->share.from; i < r->share.to && !r->share.failed; i++) {
        int64_t head = -2;  /* the articles met in this row, as a list through `next` (scipy's) */
        for (int64_t jj = r->indptr[i]; jj < r->indptr[i + 1]; jj++) {
            int64_t j = r->indices[jj];
            float v = r->data[jj];
            for (int64_t kk = r->t_indptr[j]; kk < r->t_indptr[j + 1]; kk++) {
                int64_t k = r->t_indices[kk];
                sums[k] += v * r->t_data[kk];
                if (next[k] == -1) next[k] = head, head = k;
            }
        }
        int held_other = 0, held_same = 0;
        while (head != -2) {
            int64_t k = head;
            Entry e = {sums[k], k};
            if (k != i && e.cosine >= r->floor) {
                if (r->languages[k] == r->languages[i]) rank(same, r->same_count, &held_same, e);
                else rank(other, r->other_count, &held_other, e);
            }
            head = next[k], next[k] = -1, sums[k] = 0;
        }
        for (int k = 0; k < held_other; k++) r->share.failed |= add_pair(r, i, other[k].other) < 0;
        for (int k = 0; k < held_same; k++) r->share.failed |= add_pair(r, i, same[k].other) < 0;
    }
done:
    PyMem_RawFree(sums), PyMem_RawFree(next), PyMem_RawFree(other);
    return NULL;
}

/* A C-contiguous buffer of float32 (`real`) or int64 items. */
static int buffer_of(PyObject *array, Py_buffer *view, int real, const char *name) {
    if (PyObject_GetBuffer(array, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return -1;
    const char *f = view->format ? view->format : "B";
    int fits = real ? view->itemsize == 4 && strcmp(f, "f") == 0
                    : view->itemsize == 8 && (strcmp(f, "l") == 0 || strcmp(f, "q") == 0);
    if (!fits) {
        PyBuffer_Release(view);
        view->obj = NULL;
        PyErr_Format(PyExc_TypeError, "%s: not an array of %s", name, real ? "float32" : "int64");
        return -1;
    }
    return 0;
}

/* top_pairs(indptr, indices, data, t_indptr, t_indices, t_data, languages, other_count,
 * same_count, floor, threads) -> bytes of int64 (i, j) pairs: each article's `other_count`
 * most alike articles in other languages and `same_count` in its own, at a cosine of `floor`
 * or more (articles x stems in CSR, and its transpose; int64 indices, float32 values). */
static PyObject *top_pairs(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *arrays[7];
    Py_buffer b[7] = {{0}};
    Rows all = {0}, rows[MOST_THREADS];
    int threads = 1, used = 0;
    PyObject *result = NULL;
    if (!PyArg_ParseTuple(args, "OOOOOOOiifi:top_pairs", &arrays[0], &arrays[1], &arrays[2], &arrays[3], &arrays[4],
                          &arrays[5], &arrays[6], &all.other_count, &all.same_count, &all.floor, &threads))
        return NULL;
    const char *names[7] = {"indptr", "indices", "data", "t_indptr", "t_indices", "t_data", "languages"};
    for (int k = 0; k < 7; k++)
        if (buffer_of(arrays[k], &b[k], k == 2 || k == 5, names[k]) < 0) goto done;
    all.indptr = b[0].buf, all.indices = b[1].buf, all.data = b[2].buf, all.languages = b[6].buf;
    all.t_indptr = b[3].buf, all.t_indices = b[4].buf, all.t_data = b[5].buf;
    all.articles = b[6].len / 8;
    if (b[0].len / 8 != all.articles + 1 || b[1].len != 2 * b[2].len || b[4].len != 2 * b[5].len
        || all.other_count < 0 || all.same_count < 0) {
        PyErr_SetString(PyExc_ValueError, "not a CSR matrix of one row per article");
        goto done;
    }
    /* Indices are trusted to be in range: the caller is candidates.py, with scipy's matrices. */
    used = run_shares(rows_slice, &all, rows, sizeof(Rows), all.articles, threads);
    Py_ssize_t total = 0;
    for (int t = 0; t < used; t++) total += rows[t].found_count;
    if (any_failed(rows, sizeof(Rows), used)) { PyErr_NoMemory(); goto freed; }
    if (!(result = PyBytes_FromStringAndSize(NULL, total * (Py_ssize_t)sizeof(int64_t)))) goto freed;
    char *out = PyBytes_AS_STRING(result);
    for (int t = 0; t < used; t++) {
        memcpy(out, rows[t].found, rows[t].found_count * sizeof(int64_t));
        out += rows[t].found_count * sizeof(int64_t);
    }
freed:
    for (int t = 0; t < used; t++) PyMem_RawFree(rows[t].found);
done:
    for (int k = 0; k < 7; k++) if (b[k].obj) PyBuffer_Release(&b[k]);
    return result;
}

/* One thread's rows of min_hashes: each row's least (column * a + b) mod (2^31 - 1) for each
 * hash (a, b), over its columns cols[starts[r]:starts[r + 1]]. */
typedef struct {
    Share share;
    const int64_t *cols, *starts, *hashes;
    int64_t *out, rows, count, k;
} Hashes;

static inline int64_t mod_mersenne31(uint64_t x) {  /* x mod (2^31 - 1), exactly */
    const uint64_t p = ((uint64_t)1 << 31) - 1;
    x = (x & p) + (x >> 31);
    x = (x & p) + (x >> 31);
    return (int64_t)(x >= p ? x - p : x);
}

static void *hashes_slice(void *arg) {
    Hashes *h = arg;
    for (int64_t r = h->share.from; r < h->share.to; r++) {
        int64_t lo = h->starts[r], hi = r + 1 < h->rows ? h->starts[r + 1] : h->count;
        for (int64_t k = 0; k < h->k; k++) {
            uint64_t a = (uint64_t)h->hashes[2 * k], b = (uint64_t)h->hashes[2 * k + 1];
            int64_t least = INT64_MAX;
            for (int64_t c = lo; c < hi; c++) {
                int64_t v = mod_mersenne31((uint64_t)h->cols[c] * a + b);
                least = v < least ? v : least;
            }
            h->out[r * h->k + k] = least;
        }
    }
    return NULL;
}

/* min_hashes(cols, starts, hashes, threads) -> bytes of int64, rows x hashes: candidates.
 * python_min_hashes compiled (cols: each row's stem columns, rows from `starts`, none empty;
 * hashes: (a, b) pairs with 0 < a, b < 2^31 - 1; columns below 2^32). */
static PyObject *min_hashes(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *arrays[3], *result = NULL;
    Py_buffer b[3] = {{0}};
    int threads = 1;
    if (!PyArg_ParseTuple(args, "OOOi:min_hashes", &arrays[0], &arrays[1], &arrays[2], &threads)) return NULL;
    const char *names[3] = {"cols", "starts", "hashes"};
    for (int k = 0; k < 3; k++)
        if (buffer_of(arrays[k], &b[k], 0, names[k]) < 0) goto done;
    Hashes all = {{0}, b[0].buf, b[1].buf, b[2].buf, NULL, b[1].len / 8, b[0].len / 8, b[2].len / 16}, slices[MOST_THREADS];
    for (int64_t r = 0; r < all.rows; r++) {
        int64_t lo = all.starts[r], hi = r + 1 < all.rows ? all.starts[r + 1] : all.count;
        if (lo < 0 || hi > all.count || lo >= hi) { PyErr_SetString(PyExc_ValueError, "rows must be in order, none empty"); goto done; }
    }
    if (!(result = PyBytes_FromStringAndSize(NULL, all.rows * all.k * (Py_ssize_t)sizeof(int64_t)))) goto done;
    all.out = (int64_t *)PyBytes_AS_STRING(result);
    run_shares(hashes_slice, &all, slices, sizeof(Hashes), all.rows, threads);
done:
    for (int k = 0; k < 3; k++) if (b[k].obj) PyBuffer_Release(&b[k]);
    return result;
}

static PyMethodDef methods[] = {
    {"top_pairs", top_pairs, METH_VARARGS, "candidates.python_top_pairs, compiled."},
    {"min_hashes", min_hashes, METH_VARARGS, "candidates.python_min_hashes, compiled."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_candidates", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__candidates(void) { return PyModule_Create(&module); }
