#pragma once

#include <filesystem>
#include <string_view>
#include <sys/types.h>

namespace svcagent::util {

// Replaces `path` with `bytes` atomically (SPEC §2, in-place rewrites, step 3): writes
// `<path>.tmp.<pid>` in the same directory, fsyncs it, gives it the owner and mode of the
// original when there is one (else `new_file_mode`), renames it over `path`, fsyncs the
// directory. Readers see the old or the new content, never a mix. On failure the temporary
// file is removed and svcagent::Error is thrown ("cannot write <path>: <reason>").
void atomic_write(const std::filesystem::path& path, std::string_view bytes, mode_t new_file_mode = 0600);

}  // namespace svcagent::util
