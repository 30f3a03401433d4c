// The signatures, and why each is reliable:
// - torch.save (PyTorch >= 1.6) writes a zip whose first member is
//   "<archive>/data.pkl" or "<archive>/version" (or ".data/version_...").
// - Legacy torch.save writes a pickle whose first object is the magic number
//   0x1950a86a20f9469cfc6c as a LONG1 opcode.
// - safetensors: an 8-byte little-endian header length, then a JSON object
//   that starts with '{' and names tensors with "dtype" (or "__metadata__").
// - HDF5 (Keras .h5): the 8-byte superblock signature at offset 0.
// - NumPy .npy: "\x93NUMPY". GGUF (llama.cpp): "GGUF" and a small version.
//   llama.cpp's formats before GGUF: the magics ggml, ggmf and ggjt as
//   little-endian uint32 ("lmgg", "fmgg", "tjgg").
// - TensorFlow Lite: a FlatBuffer with the file identifier "TFL3" at offset 4.
// - ONNX: a protobuf ModelProto starting with ir_version (field 1, varint) and
//   then producer_name, opset_import or graph; checked together with a known
//   producer or the "onnx" opset domain so that random binaries do not match.
// - A zip is judged by its first member that is not a folder: `zip -r` of a
//   checkpoint folder writes "archive/" first. NumPy's .npz is a zip of .npy.
// - Pickles (joblib, sklearn, pandas): PROTO 2 to 5, then FRAME (4 and 5) or
//   the opcode that starts the first object (2 and 3).
// - Containers: the first regular file of a ustar archive, and the first bytes
//   of a gzip stream (inflated from the head only), are judged as files of
//   their own, two levels deep (a .tar.gz).
#include "checks/sniff.hpp"

#include <cstdint>
#include <cstring>
#include <limits>

#define ZLIB_CONST
#include <zlib.h>

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

// The name of a zip's first member that is not a folder ("x/"), read from the
// local file headers in head; nullopt when head is no zip or ends too soon.
std::optional<std::string_view> first_zip_file(std::string_view head) {
  constexpr std::size_t k_header = 30;
  std::size_t pos = 0;
  for (int member = 0; member < 64; ++member) {
    if (head.size() - pos < k_header || head.substr(pos, 4) != std::string_view("PK\x03\x04", 4))
      return std::nullopt;
    std::uint64_t flags = little_endian(head, pos + 6, 2);
    std::uint64_t compressed = little_endian(head, pos + 18, 4);
    std::size_t name_length = little_endian(head, pos + 26, 2); // at most 65535: no wrap
    std::size_t extra_length = little_endian(head, pos + 28, 2);
    if (head.size() - pos - k_header < name_length)
      return std::nullopt;
    std::string_view name = head.substr(pos + k_header, name_length);
    if (!name.ends_with('/'))
      return name;
    if (flags & 8)
      return std::nullopt; // the sizes follow the data: the next header cannot be found
    std::uint64_t skip = k_header + name_length + extra_length + compressed;
    if (skip > head.size() - pos)
      return std::nullopt;
    pos += static_cast<std::size_t>(skip);
  }
  return std::nullopt;
}

bool torch_zip(std::string_view name) {
  return name.ends_with("/data.pkl") || name.ends_with("/version") ||
         name.ends_with("/.format_version") || name.ends_with("/byteorder") ||
         name.find("/.data/") != std::string_view::npos;
}

bool pickle(std::string_view head) {
  if (head.size() < 3 || head[0] != '\x80' || head[1] < 2 || head[1] > 5)
    return false;
  if (head[1] >= 4)
    return head[2] == '\x95'; // FRAME
  // EMPTY_DICT, EMPTY_LIST, EMPTY_TUPLE, MARK, GLOBAL, BININT*, NONE, NEWTRUE/FALSE, LONG1.
  return std::string_view("}])(cJKMN\x88\x89\x8a").find(head[2]) != std::string_view::npos;
}

// The first regular file of a ustar archive: its bytes in head, and its size.
std::optional<std::pair<std::string_view, std::uint64_t>> first_tar_file(std::string_view head) {
  constexpr std::size_t k_block = 512;
  std::size_t pos = 0;
  for (int member = 0; member < 64 && head.size() - pos >= k_block; ++member) {
    std::string_view block = head.substr(pos, k_block);
    if (block.substr(257, 5) != "ustar")
      return std::nullopt;
    std::uint64_t size = 0;
    if (static_cast<unsigned char>(block[124]) & 0x80) { // base-256, for large files
      for (std::size_t i = 125; i < 136; ++i)
        size = (size << 8) | static_cast<unsigned char>(block[i]);
    } else {
      for (char digit : block.substr(124, 12))
        if (digit >= '0' && digit <= '7')
          size = size * 8 + std::uint64_t(digit - '0');
    }
    char type = block[156];
    if (type == '0' || type == '\0' || type == '7')
      return std::pair{head.substr(pos + k_block), size};
    // A folder, a link, or a pax or GNU header of the next member: skip it.
    std::uint64_t skip = k_block + (size + k_block - 1) / k_block * k_block;
    if (size > head.size() || skip > head.size() - pos)
      return std::nullopt;
    pos += static_cast<std::size_t>(skip);
  }
  return std::nullopt;
}

// The first bytes (up to k_sniff_size) of the gzip stream that head starts.
std::string gunzip_head(std::string_view head) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
    return {};
  std::string out(k_sniff_size, '\0');
  stream.next_in = reinterpret_cast<const Bytef*>(head.data());
  stream.avail_in = static_cast<uInt>(head.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&stream, Z_SYNC_FLUSH);
  out.resize(out.size() - stream.avail_out);
  inflateEnd(&stream);
  return rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR ? out : std::string();
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

namespace {

// The formats of a file itself, not of what it contains.
std::optional<ModelFormat> sniff_file(std::string_view head, std::uint64_t total_size) {
  auto format = [](std::string name, bool data = false) {
    return ModelFormat{std::move(name), "", data};
  };
  if (auto name = first_zip_file(head)) {
    if (torch_zip(*name))
      return format("PyTorch checkpoint (torch.save zip)");
    if (name->ends_with(".npy"))
      return format("NumPy arrays (npz)", true);
  }
  if (torch_legacy(head))
    return format("PyTorch checkpoint (legacy pickle)");
  if (starts_with(head, std::string_view("\x89HDF\r\n\x1a\n", 8)))
    return format("HDF5", true);
  if (starts_with(head, "\x93NUMPY"))
    return format("NumPy array", true);
  if (starts_with(head, "GGUF") && head.size() >= 8 && little_endian(head, 4, 4) >= 1 &&
      little_endian(head, 4, 4) <= 16)
    return format("GGUF");
  if (starts_with(head, "lmgg") || starts_with(head, "fmgg") || starts_with(head, "tjgg"))
    return format("GGML (llama.cpp before GGUF)");
  if (head.size() >= 8 && head.substr(4, 4) == "TFL3")
    return format("TensorFlow Lite model");
  if (safetensors(head, total_size))
    return format("safetensors");
  if (onnx(head))
    return format("ONNX model");
  if (pickle(head))
    return format("Python pickle", true);
  return std::nullopt;
}

std::optional<ModelFormat> sniff(std::string_view head, std::uint64_t total_size, int depth) {
  if (auto format = sniff_file(head, total_size))
    return format;
  if (depth >= 2)
    return std::nullopt;
  std::optional<ModelFormat> inner;
  std::string_view container;
  if (auto member = first_tar_file(head)) {
    inner = sniff(member->first, member->second, depth + 1);
    container = "in a tar archive";
  } else if (starts_with(head, "\x1f\x8b\x08")) {
    inner = sniff(gunzip_head(head), std::numeric_limits<std::uint64_t>::max(), depth + 1);
    container = "compressed with gzip";
  }
  if (inner)
    inner->container += (inner->container.empty() ? "" : ", ") + std::string(container);
  return inner;
}

} // namespace

std::optional<ModelFormat> sniff_model_format(std::string_view head, std::uint64_t total_size) {
  return sniff(head, total_size, 0);
}

bool is_lfs_pointer(std::string_view head, std::uint64_t total_size) {
  return total_size < 1024 && starts_with(head, "version https://git-lfs.github.com/spec/v1\n");
}

bool looks_binary(std::string_view head) {
  return std::memchr(head.data(), 0, std::min<std::size_t>(head.size(), 8000)) != nullptr;
}

} // namespace preflight::checks
