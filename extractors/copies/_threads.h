/* What the compiled parts of the copy finder share: one call's work cut into contiguous
 * shares, each run in its own thread with the GIL released (each item's result is its own,
 * so the results are the same at any thread count). */
#ifndef HEALTHCLEAN_THREADS_H
#define HEALTHCLEAN_THREADS_H

#include <Python.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#define MOST_THREADS 64

/* The first field of every slice a thread works on: its items [from, to), and whether it
 * ran out of memory. */
typedef struct { Py_ssize_t from, to; int failed; } Share;

/* `body` over `count` items in `threads` slices (at most MOST_THREADS, at most one an item),
 * the GIL released: `slices` has room for MOST_THREADS structs of `size` bytes, each a copy
 * of `all` (which begins with a Share) given its own items. Returns the slices used. */
static int run_shares(void *(*body)(void *), const void *all, void *slices, size_t size, Py_ssize_t count,
                      int threads) {
    pthread_t ids[MOST_THREADS];
    int started[MOST_THREADS] = {0};
    threads = threads < 1 ? 1 : threads > MOST_THREADS ? MOST_THREADS : threads;
    if (threads > count) threads = count > 0 ? (int)count : 1;
    for (int t = 0; t < threads; t++) {
        Share *share = (Share *)((char *)slices + t * size);
        memcpy(share, all, size);
        share->from = count * t / threads, share->to = count * (t + 1) / threads, share->failed = 0;
    }
    Py_BEGIN_ALLOW_THREADS
    for (int t = 1; t < threads; t++) started[t] = pthread_create(&ids[t], NULL, body, (char *)slices + t * size) == 0;
    body(slices);
    for (int t = 1; t < threads; t++) {
        if (started[t]) pthread_join(ids[t], NULL);
        else body((char *)slices + t * size);  /* no thread to be had: here, after the others */
    }
    Py_END_ALLOW_THREADS
    return threads;
}

/* Whether one of the `threads` slices of `size` bytes failed. */
static int any_failed(const void *slices, size_t size, int threads) {
    int failed = 0;
    for (int t = 0; t < threads; t++) failed |= ((const Share *)((const char *)slices + t * size))->failed;
    return failed;
}

#endif
