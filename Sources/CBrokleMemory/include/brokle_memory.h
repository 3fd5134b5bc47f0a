#ifndef BROKLE_MEMORY_H
#define BROKLE_MEMORY_H

/// Hands the allocator's free pages back to the operating system (glibc's malloc_trim); returns 1
/// when memory was released, 0 when none was or the C library has no such call.
int brokle_release_free_memory(void);

#endif
