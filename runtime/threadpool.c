/* threadpool.c - the fork/join pool generated kernels run their rows on.
 *
 * Part of cnnc.
 *
 * Generated code calls cnnrt_parallel_for(task, ctx, n) for every kernel
 * worth splitting. [0, n) is cut into one contiguous region per thread;
 * each thread takes chunks of its own region from the region's counter,
 * then steals chunks from the other regions until none is left.
 * - Dynamic, because the last tile of a row, border rows and a late-waking
 *   worker would leave a static split unbalanced (measured on MobileNetV2,
 *   2 threads).
 * - By region, because thread t then works on the same part of consecutive
 *   kernels' ranges: the conv kernels order their items by rows first when
 *   their weights are small (VectorizeConv.cpp, spatialMajor), so a thread
 *   computes one band of the image layer after layer and reads the
 *   activations it wrote itself, from its own L2. With one shared counter
 *   handing out chunks in turn, MobileNetV2's 14x14 depthwise convs ran no
 *   faster on 2 threads than on 1, reading half their input from the other
 *   core's cache.
 * Workers spin briefly on a generation counter (a fork costs ~1 us then),
 * and sleep on a condition variable after that, so an idle model costs no
 * CPU.
 *
 * The caller never waits for a worker that has not started: a worker joins
 * a call (one CAS on `ticket`: the call's generation, a closed bit and the
 * count of workers inside) only while the call is open; the caller closes
 * it once every chunk is taken and waits only for the workers inside to
 * finish theirs. A worker woken late (asleep, or its vCPU descheduled by
 * the hypervisor while it spun) then costs nothing. Why: in this VM's slow
 * two-thread mode GoogLeNet's fills ran 4-8x slower on 2 threads than on 1,
 * consistent with the caller waiting for such a worker's acknowledgement;
 * in the fast mode this protocol measured the same as the old one.
 *
 * One pool per process. A call that finds the pool busy (another thread
 * running a model, or a task calling back in) runs its whole range on the
 * calling thread: correct and never deadlocks.
 *
 * The symbols are weak so that objects of several models, each carrying
 * this file, link into one program. A shared library that carries the pool
 * stops and joins its workers when it is unloaded (dlclose) or the process
 * exits, so no thread is left running code that is gone. */

#include "cnnrt.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#define CNNRT_MAX_THREADS 256
#define CNNRT_SPIN 20000

#if defined(__x86_64__) || defined(__i386__)
#define CNNRT_PAUSE() __builtin_ia32_pause()
#else
#define CNNRT_PAUSE() ((void)0)
#endif

#define CNNRT_WEAK __attribute__((weak))

#define TICKET_SHIFT 16
#define TICKET_CLOSED (1ul << 15)
#define TICKET_INSIDE (TICKET_CLOSED - 1)

typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t wake;
  pthread_cond_t done;
  atomic_ulong generation;
  /* (generation << TICKET_SHIFT) | closed | workers inside the call. */
  atomic_ulong ticket;
  atomic_int busy;
  int started;         /* workers created so far */
  int active;          /* threads taking part in the current call */
  int requested;       /* cnnrt_set_num_threads, 0 = default */
  int shutdown;        /* workers exit at the next generation */
  cnnrt_task_fn fn;
  void *ctx;
  int64_t grain;       /* items per chunk */
} cnnrt_pool;

/* Thread t's part of the current call's range: [next, end) not taken yet.
 * One cache line each, so taking a chunk does not disturb the others. */
typedef struct {
  _Alignas(64) atomic_llong next;
  int64_t end;
} cnnrt_region;

static cnnrt_pool pool = {PTHREAD_MUTEX_INITIALIZER,
                          PTHREAD_COND_INITIALIZER,
                          PTHREAD_COND_INITIALIZER,
                          0,
                          0,
                          0,
                          0,
                          0,
                          0,
                          0,
                          0,
                          0,
                          0};
static pthread_t workers[CNNRT_MAX_THREADS];
static cnnrt_region regions[CNNRT_MAX_THREADS];

/* Thread `self`'s own region first, then the others' leftovers. */
static void run_chunks(int self) {
  int64_t grain = pool.grain;
  int active = pool.active;
  for (int k = 0; k < active; ++k) {
    cnnrt_region *r = &regions[(self + k) % active];
    for (;;) {
      int64_t begin =
          atomic_fetch_add_explicit(&r->next, grain, memory_order_relaxed);
      if (begin >= r->end)
        break;
      pool.fn(pool.ctx, begin, begin + grain < r->end ? begin + grain : r->end);
    }
  }
}

typedef struct {
  int index;          /* 1-based: the caller runs chunk 0 */
  unsigned long seen; /* the generation current when it was created */
} worker_arg;

static void *worker(void *p) {
  worker_arg arg = *(worker_arg *)p;
  free(p);
  int index = arg.index;
  unsigned long seen = arg.seen;
  for (;;) {
    unsigned long g;
    int spins = 0;
    while ((g = atomic_load_explicit(&pool.generation, memory_order_acquire)) ==
               seen &&
           spins < CNNRT_SPIN) {
      CNNRT_PAUSE();
      ++spins;
    }
    if (g == seen) {
      pthread_mutex_lock(&pool.lock);
      while ((g = atomic_load(&pool.generation)) == seen)
        pthread_cond_wait(&pool.wake, &pool.lock);
      pthread_mutex_unlock(&pool.lock);
    }
    seen = g;
    if (pool.shutdown)
      return NULL;
    /* Join call g while it is open; once inside, its fields stay put until
     * this worker leaves (the caller waits for the count to drop). */
    unsigned long t = atomic_load_explicit(&pool.ticket, memory_order_relaxed);
    int joined = 0;
    while ((t >> TICKET_SHIFT) == (g & (~0ul >> TICKET_SHIFT)) &&
           !(t & TICKET_CLOSED)) {
      if (atomic_compare_exchange_weak_explicit(&pool.ticket, &t, t + 1,
                                                memory_order_acquire,
                                                memory_order_relaxed)) {
        joined = 1;
        break;
      }
    }
    if (!joined)
      continue;
    if (index < pool.active)
      run_chunks(index);
    t = atomic_fetch_sub_explicit(&pool.ticket, 1, memory_order_acq_rel) - 1;
    if ((t & TICKET_CLOSED) && !(t & TICKET_INSIDE)) {
      pthread_mutex_lock(&pool.lock);
      pthread_cond_signal(&pool.done);
      pthread_mutex_unlock(&pool.lock);
    }
  }
  return NULL;
}

static int default_threads(void) {
  const char *env = getenv("CNNC_NUM_THREADS");
  if (env) {
    long n = strtol(env, NULL, 10);
    if (n >= 1)
      return n > CNNRT_MAX_THREADS ? CNNRT_MAX_THREADS : (int)n;
  }
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  if (cores < 1)
    cores = 1;
  return cores > CNNRT_MAX_THREADS ? CNNRT_MAX_THREADS : (int)cores;
}

CNNRT_WEAK int cnnrt_get_num_threads(void) {
  return pool.requested ? pool.requested : default_threads();
}

CNNRT_WEAK cnnrt_status cnnrt_set_num_threads(int n) {
  if (n < 0)
    return CNNRT_ERR_ARGUMENT;
  pool.requested = n > CNNRT_MAX_THREADS ? CNNRT_MAX_THREADS : n;
  return CNNRT_OK;
}

CNNRT_WEAK void cnnrt_parallel_for(cnnrt_task_fn fn, void *ctx, int64_t n) {
  int threads = cnnrt_get_num_threads();
  if (threads > n)
    threads = (int)n;
  int expected = 0;
  if (threads <= 1 || !atomic_compare_exchange_strong(&pool.busy, &expected, 1)) {
    if (n > 0)
      fn(ctx, 0, n);
    return;
  }
  /* Workers are created on first need and live as long as the process. */
  while (pool.started < threads - 1) {
    pthread_t t;
    worker_arg *arg = malloc(sizeof *arg);
    if (!arg)
      break;
    arg->index = pool.started + 1;
    arg->seen = atomic_load(&pool.generation);
    if (pthread_create(&t, NULL, worker, arg)) {
      free(arg);
      break;
    }
    workers[pool.started++] = t;
  }
  if (threads > pool.started + 1)
    threads = pool.started + 1;
  pool.fn = fn;
  pool.ctx = ctx;
  /* About four chunks per thread: balance without much contention. */
  pool.grain = n / (4 * threads) > 0 ? n / (4 * threads) : 1;
  for (int t = 0; t < threads; ++t) {
    atomic_store_explicit(&regions[t].next, n * t / threads,
                          memory_order_relaxed);
    regions[t].end = n * (t + 1) / threads;
  }
  pool.active = threads;
  unsigned long g =
      atomic_load_explicit(&pool.generation, memory_order_relaxed) + 1;
  /* Open the call (no worker inside: the last call ended with none), then
   * announce it. */
  atomic_store_explicit(&pool.ticket, g << TICKET_SHIFT, memory_order_release);
  pthread_mutex_lock(&pool.lock);
  atomic_store_explicit(&pool.generation, g, memory_order_release);
  pthread_cond_broadcast(&pool.wake);
  pthread_mutex_unlock(&pool.lock);
  run_chunks(0);
  /* Every chunk is taken: close the call to latecomers, then wait for the
   * workers inside to finish theirs. */
  unsigned long t = atomic_fetch_or_explicit(&pool.ticket, TICKET_CLOSED,
                                             memory_order_acq_rel);
  int spins = 0;
  while ((t & TICKET_INSIDE) && spins < CNNRT_SPIN) {
    CNNRT_PAUSE();
    ++spins;
    t = atomic_load_explicit(&pool.ticket, memory_order_acquire);
  }
  if (t & TICKET_INSIDE) {
    pthread_mutex_lock(&pool.lock);
    while (atomic_load(&pool.ticket) & TICKET_INSIDE)
      pthread_cond_wait(&pool.done, &pool.lock);
    pthread_mutex_unlock(&pool.lock);
  }
  atomic_store(&pool.busy, 0);
}

/* Stops and joins the workers: at exit, and when a shared library carrying
 * the pool is unloaded. */
__attribute__((destructor)) static void cnnrt_pool_shutdown(void) {
  if (!pool.started)
    return;
  pthread_mutex_lock(&pool.lock);
  pool.shutdown = 1;
  atomic_fetch_add_explicit(&pool.generation, 1, memory_order_release);
  pthread_cond_broadcast(&pool.wake);
  pthread_mutex_unlock(&pool.lock);
  for (int i = 0; i < pool.started; ++i)
    pthread_join(workers[i], NULL);
  pool.started = 0;
}
