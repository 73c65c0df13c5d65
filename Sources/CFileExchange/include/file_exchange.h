#ifndef KODEX_FILE_EXCHANGE_H
#define KODEX_FILE_EXCHANGE_H

/// Swaps the folders (or files) at `first` and `second` in one atomic step, with Linux's
/// `renameat2(RENAME_EXCHANGE)`: whoever looks sees one or the other, never neither.
/// Returns 0, or -1 with `errno` set (`EINVAL` or `ENOSYS` where the platform or the file
/// system cannot do it).
int kodex_exchange(const char *first, const char *second);

#endif
