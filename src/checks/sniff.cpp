// The signatures, and why each is reliable:
// - torch.save (PyTorch >= 1.6) writes a zip whose first member is
//   "<archive>/data.pkl" or "<archive>/version" (or ".data/version_...").
// - Legacy torch.save writes a pickle whose first object is the magic number
//   0x1950a86a20f9469cfc6c as a LONG1 opcode.
// - safetensors: an 8-byte little-endian header length, then a JSON object
//   that starts with '{' and names tensors with "dtype" (or "__metadata__").
// - HDF5 (Keras .h5): the 8-byte superblock signature at offset 0.
// - NumPy .npy: "\x93NUMPY". GGUF (llama.cpp): "GGUF" and a small version.
// - ONNX: a protobuf ModelProto starting with ir_version (field 1, varint) and
//   then producer_name, opset_import or graph; checked together with a known
//   producer or the "onnx" opset domain so that random binaries do not match.
#include "checks/sniff.hpp"

#include <cstdint>
#include <cstring>

namespace preflight::checks {

namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::uint64_t little_endian(std::string_view bytes, std::size_t offset, std::size_t count) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < count; ++i)
    value |= std::uint64_t(static_cast<unsigned char>(bytes[offset + i])) << (8 * i);
  return value;
}

bool torch_zip(std::string_view head) {
  // Local file header: signature, then the name length at offset 26 and the
  // name at 30.
  if (!starts_with(head, std::string_view("PK\x03\x04", 4)) || head.size() < 30)
    return false;
  std::size_t name_length = little_endian(head, 26, 2); // at most 65535: no wrap below
  if (head.size() - 30 < name_length)
    return false;
  std::string_view name = head.substr(30, name_length);
  return name.ends_with("/data.pkl") || name.ends_with("/version") ||
         name.ends_with("/.format_version") || name.ends_with("/byteorder") ||
         name.find("/.data/") != std::string_view::npos;
}

bool torch_legacy(std::string_view head) {
  static const char k_magic[] = "\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19";
  return starts_with(head, std::string_view(k_magic, sizeof k_magic - 1));
}

bool safetensors(std::string_view head, std::uint64_t total_size) {
  if (head.size() < 10)
    return false;
  std::uint64_t header = little_endian(head, 0, 8);
  if (header < 2 || header > 100'000'000 || total_size < 8 || header > total_size - 8 ||
      head[8] != '{')
    return false;
  std::string_view json = head.substr(8, static_cast<std::size_t>(header));
  return json.find("\"dtype\"") != std::string_view::npos ||
         json.find("\"__metadata__\"") != std::string_view::npos;
}

// Reads a protobuf varint at pos; false when malformed.
bool varint(std::string_view bytes, std::size_t& pos, std::uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 64 && pos < bytes.size(); shift += 7) {
    auto byte = static_cast<unsigned char>(bytes[pos++]);
    value |= std::uint64_t(byte & 0x7f) << shift;
    if (!(byte & 0x80))
      return true;
  }
  return false;
}

bool onnx(std::string_view head) {
  std::size_t pos = 0;
  std::uint64_t value = 0;
  if (head.size() < 8 || head[0] != 0x08 || !varint(head, ++pos, value) || value == 0 ||
      value > 100)
    return false; // ir_version: 1 to a few dozen
  // The fields that follow: producer_name (2), producer_version (3), domain (4),
  // model_version (5), doc_string (6), graph (7), opset_import (8).
  static const std::string_view k_producers[] = {
      "pytorch",     "tf2onnx",     "skl2onnx",    "onnx",    "keras2onnx",
      "onnxmltools", "onnxruntime", "OnnxMLTools", "optimum", "paddle2onnx"};
  while (pos < head.size()) {
    auto tag = static_cast<unsigned char>(head[pos]);
    std::uint64_t field = tag >> 3, wire = tag & 7;
    ++pos;
    if (field < 2 || field > 8)
      return false;
    if (wire == 0) {
      if (!varint(head, pos, value))
        return false;
      continue;
    }
    if (wire != 2 || !varint(head, pos, value))
      return false;
    // value can be near 2^64: compare without adding to pos, which would wrap.
    if (value > head.size() - pos)
      return field == 7 || field == 8; // a graph too large for the head: still ONNX-shaped
    std::string_view text = head.substr(pos, static_cast<std::size_t>(value));
    if (field == 2)
      for (std::string_view producer : k_producers)
        if (starts_with(text, producer))
          return true;
    if (field == 8 && !text.empty() && (text[0] == 0x0a || text[0] == 0x10))
      return true; // opset_import: a domain or a version

    pos += static_cast<std::size_t>(value);
  }
  return false;
}

} // namespace

std::optional<std::string_view> sniff_model_format(std::string_view head,
                                                   std::uint64_t total_size) {
  if (torch_zip(head))
    return "PyTorch checkpoint (torch.save zip)";
  if (torch_legacy(head))
    return "PyTorch checkpoint (legacy pickle)";
  if (starts_with(head, std::string_view("\x89HDF\r\n\x1a\n", 8)))
    return "HDF5";
  if (starts_with(head, "\x93NUMPY"))
    return "NumPy array";
  if (starts_with(head, "GGUF") && head.size() >= 8 && little_endian(head, 4, 4) >= 1 &&
      little_endian(head, 4, 4) <= 16)
    return "GGUF";
  if (safetensors(head, total_size))
    return "safetensors";
  if (onnx(head))
    return "ONNX model";
  return std::nullopt;
}

bool is_lfs_pointer(std::string_view head, std::uint64_t total_size) {
  return total_size < 1024 && starts_with(head, "version https://git-lfs.github.com/spec/v1\n");
}

bool looks_binary(std::string_view head) {
  return std::memchr(head.data(), 0, std::min<std::size_t>(head.size(), 8000)) != nullptr;
}

} // namespace preflight::checks
