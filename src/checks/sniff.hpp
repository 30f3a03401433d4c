// Recognising model checkpoints and weights by their first bytes, whatever the
// file is called, and Git LFS pointers. Plain functions of a byte prefix, so the
// checks read only the head of a blob (k_sniff_size bytes), never all of it.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace preflight::checks {

// How many leading bytes the functions below want to see.
inline constexpr std::size_t k_sniff_size = 4096;

// The format name ("PyTorch checkpoint (torch.save zip)", "safetensors",
// "HDF5", "NumPy array", "GGUF", "ONNX model", "PyTorch checkpoint (legacy
// pickle)") when head is the start of such a file of total_size bytes.
std::optional<std::string_view> sniff_model_format(std::string_view head, std::uint64_t total_size);

// True for a Git LFS pointer file ("version https://git-lfs.github.com/spec/v1").
bool is_lfs_pointer(std::string_view head, std::uint64_t total_size);

// True when head looks binary (a NUL byte in the first 8000 bytes, as git decides).
bool looks_binary(std::string_view head);

} // namespace preflight::checks
