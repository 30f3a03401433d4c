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

// A regular file of at most max_size bytes (symbolic links are followed), or
// nullopt when it does not exist. For files the repository controls: a FIFO, a
// terminal, a device (/dev/zero), a folder or a bigger file is an Error saying
// so ("not a regular file (a FIFO)", "too large (N bytes; the limit is M)"),
// found before a byte is read, so that nothing blocks or fills memory.
std::optional<std::string> read_regular_file(const std::filesystem::path& path,
                                             std::size_t max_size);

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

// A path relative to a repository root, normalised ("a/b/", "./a//b" -> "a/b";
// "." -> ""), or nullopt when it is absolute or has a ".." part.
std::optional<std::string> normal_relative_path(std::string_view text);

} // namespace preflight
