#include "commands/trust.hpp"

#include "util/fs.hpp"
#include "util/strings.hpp"

#include <mbedtls/sha256.h>
#include <mbedtls/version.h>

namespace preflight::commands {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t k_kept = 64;

fs::path trust_file(const fs::path& common_dir) {
  return common_dir / "preflight" / "trusted";
}

std::vector<std::string> trusted_hashes(const fs::path& common_dir) {
  std::vector<std::string> out;
  if (auto text = read_file_if_exists(trust_file(common_dir)))
    for (const std::string& line : split(*text, '\n'))
      if (!trim(line).empty())
        out.emplace_back(trim(line));
  return out;
}

} // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char digest[32];
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
#if MBEDTLS_VERSION_MAJOR >= 3
  mbedtls_sha256(bytes, data.size(), digest, 0);
#else
  mbedtls_sha256_ret(bytes, data.size(), digest, 0);
#endif
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char byte : digest) {
    out += digits[byte >> 4];
    out += digits[byte & 15];
  }
  return out;
}

TrustState trust_state(const config::Config& rules, const fs::path& common_dir,
                       bool local_tracked) {
  TrustState state;
  for (const char* section : {"pre_commit", "commit_msg", "pre_push"}) {
    const config::Value* value = rules.find(std::string(section) + ".commands");
    if (!value || !value->node.IsSequence() || value->node.size() == 0)
      continue;
    const std::string& file = value->source.file;
    bool committed =
        file == config::k_rules_file || (file == config::k_local_rules_file && local_tracked);
    if (!committed)
      continue;
    YAML::Emitter out;
    out << value->node;
    state.text += "# from " + file + "\n" + section + ".commands:\n" + out.c_str() + "\n";
    state.sections.emplace_back(section);
  }
  if (state.sections.empty())
    return state;
  state.hash = sha256_hex(state.text);
  auto known = trusted_hashes(common_dir);
  state.trusted = std::find(known.begin(), known.end(), state.hash) != known.end();
  return state;
}

void record_trust(const fs::path& common_dir, const std::string& hash) {
  auto known = trusted_hashes(common_dir);
  std::erase(known, hash);
  known.push_back(hash);
  if (known.size() > k_kept)
    known.erase(known.begin(), known.end() - static_cast<std::ptrdiff_t>(k_kept));
  std::string text;
  for (const std::string& line : known)
    text += line + "\n";
  fs::create_directories(trust_file(common_dir).parent_path());
  write_file_atomic(trust_file(common_dir), text, fs::perms(0600));
}

} // namespace preflight::commands
