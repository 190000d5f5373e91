/*===- npy.c - .npy reading and writing -----------------------------------===*
 *
 * Part of cnnc.
 *===----------------------------------------------------------------------===*/

#include "cnnrt.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local char last_error[512];

const char *cnnrt_last_error(void) { return last_error; }

static cnnrt_status fail(cnnrt_status status, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  vsnprintf(last_error, sizeof last_error, fmt, args);
  va_end(args);
  return status;
}

size_t cnnrt_dtype_size(cnnrt_dtype dtype) {
  switch (dtype) {
  case CNNRT_FLOAT32:
  case CNNRT_INT32:
    return 4;
  case CNNRT_FLOAT64:
  case CNNRT_INT64:
    return 8;
  case CNNRT_FLOAT16:
    return 2;
  case CNNRT_BOOL:
    return 1;
  }
  return 0;
}

const char *cnnrt_dtype_name(cnnrt_dtype dtype) {
  switch (dtype) {
  case CNNRT_FLOAT32:
    return "float32";
  case CNNRT_FLOAT64:
    return "float64";
  case CNNRT_FLOAT16:
    return "float16";
  case CNNRT_INT64:
    return "int64";
  case CNNRT_INT32:
    return "int32";
  case CNNRT_BOOL:
    return "bool";
  }
  return "?";
}

static const char *npy_descr(cnnrt_dtype dtype) {
  switch (dtype) {
  case CNNRT_FLOAT32:
    return "<f4";
  case CNNRT_FLOAT64:
    return "<f8";
  case CNNRT_FLOAT16:
    return "<f2";
  case CNNRT_INT64:
    return "<i8";
  case CNNRT_INT32:
    return "<i4";
  case CNNRT_BOOL:
    return "|b1";
  }
  return "?";
}

int64_t cnnrt_num_elements(const cnnrt_tensor_desc *desc) {
  int64_t n = 1;
  for (int i = 0; i < desc->rank; ++i)
    n *= desc->shape[i];
  return n;
}

void *cnnrt_alloc(size_t bytes) {
  size_t rounded = (bytes + 63) / 64 * 64;
  if (rounded == 0)
    rounded = 64;
  return aligned_alloc(64, rounded);
}

void cnnrt_free(void *ptr) { free(ptr); }

/* Finds `'key':` in the header and returns the text after the colon. */
static const char *header_value(const char *header, const char *key) {
  char quoted[64];
  snprintf(quoted, sizeof quoted, "'%s'", key);
  const char *p = strstr(header, quoted);
  if (!p)
    return NULL;
  p += strlen(quoted);
  while (*p == ' ')
    ++p;
  if (*p != ':')
    return NULL;
  ++p;
  while (*p == ' ')
    ++p;
  return p;
}

static void format_shape(char *buf, size_t len, int rank,
                         const int64_t *shape) {
  size_t used = (size_t)snprintf(buf, len, "(");
  for (int i = 0; i < rank && used < len; ++i)
    used += (size_t)snprintf(buf + used, len - used, i ? ", %lld" : "%lld",
                             (long long)shape[i]);
  if (used < len)
    snprintf(buf + used, len - used, rank == 1 ? ",)" : ")");
}

cnnrt_status cnnrt_npy_read(const char *path, const cnnrt_tensor_desc *expected,
                            void **out_data) {
  *out_data = NULL;
  FILE *f = fopen(path, "rb");
  if (!f)
    return fail(CNNRT_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
  unsigned char magic[10];
  if (fread(magic, 1, 10, f) != 10 || memcmp(magic, "\x93NUMPY", 6) != 0) {
    fclose(f);
    return fail(CNNRT_ERR_FORMAT, "%s: not a .npy file", path);
  }
  size_t header_len;
  if (magic[6] == 1) {
    header_len = (size_t)magic[8] | ((size_t)magic[9] << 8);
  } else if (magic[6] == 2 || magic[6] == 3) {
    unsigned char more[2];
    if (fread(more, 1, 2, f) != 2) {
      fclose(f);
      return fail(CNNRT_ERR_FORMAT, "%s: truncated header", path);
    }
    header_len = (size_t)magic[8] | ((size_t)magic[9] << 8) |
                 ((size_t)more[0] << 16) | ((size_t)more[1] << 24);
  } else {
    fclose(f);
    return fail(CNNRT_ERR_FORMAT, "%s: unsupported .npy version %d", path,
                magic[6]);
  }
  if (header_len > (1u << 20)) {
    fclose(f);
    return fail(CNNRT_ERR_FORMAT, "%s: header too large", path);
  }
  char *header = malloc(header_len + 1);
  if (!header) {
    fclose(f);
    return fail(CNNRT_ERR_NOMEM, "%s: out of memory", path);
  }
  if (fread(header, 1, header_len, f) != header_len) {
    free(header);
    fclose(f);
    return fail(CNNRT_ERR_FORMAT, "%s: truncated header", path);
  }
  header[header_len] = 0;

  cnnrt_status status = CNNRT_OK;
  const char *descr = header_value(header, "descr");
  const char *fortran = header_value(header, "fortran_order");
  const char *shape = header_value(header, "shape");
  const char *want = npy_descr(expected->dtype);
  /* descr is a quoted 3-character code: "'<f4'" (the header may end
   * anywhere, so look no further than its terminator). */
  if (!descr || !fortran || !shape || *shape != '(' ||
      strnlen(descr, 5) < 5) {
    status = fail(CNNRT_ERR_FORMAT, "%s: malformed header", path);
  } else if (strncmp(descr + 1, want, 3) != 0 || descr[4] != '\'') {
    char got[16] = {0};
    sscanf(descr, "'%15[^']", got);
    status = fail(CNNRT_ERR_DTYPE,
                  "%s: dtype '%s', but input '%s' is %s ('%s')", path, got,
                  expected->name, cnnrt_dtype_name(expected->dtype), want);
  } else if (strncmp(fortran, "False", 5) != 0) {
    status = fail(CNNRT_ERR_FORMAT,
                  "%s: Fortran-order arrays are not supported", path);
  } else {
    int64_t dims[16];
    int rank = 0;
    const char *p = shape + 1;
    while (*p && *p != ')') {
      while (*p == ' ' || *p == ',')
        ++p;
      if (*p == ')')
        break;
      char *end;
      long long v = strtoll(p, &end, 10);
      if (end == p || v < 0 || rank == 16) {
        status = fail(CNNRT_ERR_FORMAT, "%s: malformed shape", path);
        break;
      }
      dims[rank++] = v;
      p = end;
    }
    if (status == CNNRT_OK) {
      int same = rank == expected->rank;
      for (int i = 0; same && i < rank; ++i)
        same = dims[i] == expected->shape[i];
      if (!same) {
        char got[256], exp[256];
        format_shape(got, sizeof got, rank, dims);
        format_shape(exp, sizeof exp, expected->rank, expected->shape);
        status = fail(CNNRT_ERR_SHAPE, "%s: shape %s, but input '%s' is %s",
                      path, got, expected->name, exp);
      }
    }
  }
  free(header);
  if (status != CNNRT_OK) {
    fclose(f);
    return status;
  }
  size_t bytes =
      (size_t)cnnrt_num_elements(expected) * cnnrt_dtype_size(expected->dtype);
  void *data = cnnrt_alloc(bytes);
  if (!data) {
    fclose(f);
    return fail(CNNRT_ERR_NOMEM, "%s: out of memory", path);
  }
  size_t got = fread(data, 1, bytes, f);
  int extra = fgetc(f) != EOF;
  fclose(f);
  if (got != bytes || extra) {
    cnnrt_free(data);
    return fail(CNNRT_ERR_FORMAT, "%s: expected %zu bytes of data, found %s",
                path, bytes, got != bytes ? "fewer" : "more");
  }
  *out_data = data;
  return CNNRT_OK;
}

cnnrt_status cnnrt_npy_write(const char *path, const cnnrt_tensor_desc *desc,
                             const void *data) {
  char shape[256];
  format_shape(shape, sizeof shape, desc->rank, desc->shape);
  char header[512];
  int len = snprintf(header, sizeof header,
                     "{'descr': '%s', 'fortran_order': False, 'shape': %s, }",
                     npy_descr(desc->dtype), shape);
  if (len < 0 || len > 400)
    return fail(CNNRT_ERR_ARGUMENT, "%s: shape too long", path);
  /* Pad with spaces so data starts at a multiple of 64; end with newline. */
  int total = 10 + len + 1;
  int pad = (64 - total % 64) % 64;
  memset(header + len, ' ', (size_t)pad);
  len += pad;
  header[len++] = '\n';
  FILE *f = fopen(path, "wb");
  if (!f)
    return fail(CNNRT_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
  unsigned char prefix[10] = {0x93,
                              'N',
                              'U',
                              'M',
                              'P',
                              'Y',
                              1,
                              0,
                              (unsigned char)(len & 0xff),
                              (unsigned char)(len >> 8)};
  size_t bytes =
      (size_t)cnnrt_num_elements(desc) * cnnrt_dtype_size(desc->dtype);
  int ok = fwrite(prefix, 1, 10, f) == 10 &&
           fwrite(header, 1, (size_t)len, f) == (size_t)len &&
           fwrite(data, 1, bytes, f) == bytes;
  ok = (fclose(f) == 0) && ok;
  if (!ok)
    return fail(CNNRT_ERR_IO, "%s: write failed", path);
  return CNNRT_OK;
}
