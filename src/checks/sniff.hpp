// Recognising model checkpoints and weights by their first bytes, whatever the
// file is called, and Git LFS pointers. Plain functions of a byte prefix, so the
// checks read only the head of a blob (k_sniff_size bytes), never all of it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace preflight::checks {

// How many leading bytes the functions below want to see.
inline constexpr std::size_t k_sniff_size = 4096;

// A format recognised by its bytes.
struct ModelFormat {
  // "PyTorch checkpoint (torch.save zip)", "PyTorch checkpoint (legacy pickle)",
  // "safetensors", "HDF5", "NumPy array", "NumPy arrays (npz)", "Python pickle",
  // "GGUF", "GGML (llama.cpp before GGUF)", "TensorFlow Lite model" or "ONNX model".
  std::string name;
  // Where it was found when not at the top: "in a tar archive", "compressed
  // with gzip", or both from the inside out ("in a tar archive, compressed with
  // gzip"); empty for the file itself.
  std::string container;
  // An array or pickle format (HDF5, NumPy, pickle): often small test data, so
  // refused only over a size.
  bool data = false;
};

// The format of a file of total_size bytes whose first bytes are head, also
// when head is a tar archive or gzip stream whose first member is such a file
// (two levels at most: a .tar.gz); nullopt when it is none of them.
std::optional<ModelFormat> sniff_model_format(std::string_view head, std::uint64_t total_size);

// True for a Git LFS pointer file ("version https://git-lfs.github.com/spec/v1").
bool is_lfs_pointer(std::string_view head, std::uint64_t total_size);

// True when head looks binary (a NUL byte in the first 8000 bytes, as git decides).
bool looks_binary(std::string_view head);

} // namespace preflight::checks
