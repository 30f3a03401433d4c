// File helpers. Writes are atomic: a temporary file in the same folder, then
// rename, so that a crash or a full disk never leaves a file half-written.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace preflight {

// The whole file, or nullopt when it does not exist. Throws Error for other
// failures (permissions, a folder in the way), naming the file.
std::optional<std::string> read_file_if_exists(const std::filesystem::path& path);

// The whole file; throws Error naming the file when it cannot be read.
std::string read_file(const std::filesystem::path& path);

// Replaces path with data atomically. The new file gets mode (permission bits)
// when given, else the mode of the file it replaces, else 0644 less the umask.
void write_file_atomic(const std::filesystem::path& path, std::string_view data,
                       std::optional<std::filesystem::perms> mode = std::nullopt);

// Replaces path with data as write_file_atomic does (readers see the old file
// or the new one, never a part), but without waiting for the disk: after a
// crash the file may be empty or gone. For caches whose readers check entries.
void write_file_replace(const std::filesystem::path& path, std::string_view data);

// Reads all of standard input.
std::string read_stdin();

} // namespace preflight
