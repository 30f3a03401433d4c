// private-key: refuses private keys and credentials in text files: PEM/OpenSSH/
// PGP/PuTTY private key blocks, AWS access key ids and secret keys, GitHub,
// GitLab, Slack, Google API and Hugging Face tokens. Why: a pushed secret must be
// revoked, and it stays in history. Each shape is matched by its fixed prefix and
// exact length and character set, without regular expressions. Known false
// positives: documentation that shows real-looking example keys (allow the path).
#include "checks/glob.hpp"
#include "checks/text_scan.hpp"

#include <cctype>

namespace preflight::checks {

namespace {

enum class Chars { token, upper_digits, alnum }; // [A-Za-z0-9_-], [A-Z0-9], [A-Za-z0-9]

struct TokenShape {
  std::string_view prefix;
  std::string_view name;
  std::size_t min_length; // characters after the prefix
  std::size_t max_length;
  Chars chars;
};

constexpr TokenShape k_tokens[] = {
    {"AKIA", "AWS access key id", 16, 16, Chars::upper_digits},
    {"ASIA", "AWS temporary access key id", 16, 16, Chars::upper_digits},
    {"ghp_", "GitHub token", 36, 36, Chars::token},
    {"gho_", "GitHub OAuth token", 36, 36, Chars::token},
    {"ghu_", "GitHub user token", 36, 36, Chars::token},
    {"ghs_", "GitHub server token", 36, 36, Chars::token},
    {"ghr_", "GitHub refresh token", 36, 36, Chars::token},
    {"github_pat_", "GitHub fine-grained token", 50, 255, Chars::token},
    {"glpat-", "GitLab token", 20, 20, Chars::token},
    {"xoxb-", "Slack bot token", 20, 255, Chars::token},
    {"xoxp-", "Slack user token", 20, 255, Chars::token},
    {"AIza", "Google API key", 35, 35, Chars::token},
    {"hf_", "Hugging Face token", 34, 34, Chars::alnum},
};

constexpr std::string_view k_pem_kinds[] = {"RSA PRIVATE KEY",       "DSA PRIVATE KEY",
                                            "EC PRIVATE KEY",        "OPENSSH PRIVATE KEY",
                                            "PRIVATE KEY",           "ENCRYPTED PRIVATE KEY",
                                            "PGP PRIVATE KEY BLOCK", "SSH2 ENCRYPTED PRIVATE KEY"};

bool token_char(char c, Chars chars) {
  auto u = static_cast<unsigned char>(c);
  switch (chars) {
  case Chars::upper_digits: return std::isupper(u) || std::isdigit(u);
  case Chars::alnum: return std::isalnum(u);
  case Chars::token: break;
  }
  return std::isalnum(u) || c == '_' || c == '-';
}

// The kind of secret on this line, if any.
std::string_view find_secret(std::string_view line) {
  std::size_t begin = line.find("-----BEGIN ");
  if (begin != std::string_view::npos)
    for (std::string_view kind : k_pem_kinds)
      if (line.substr(begin + 11, kind.size() + 5) == std::string(kind) + "-----")
        return "private key";
  if (line.starts_with("PuTTY-User-Key-File-"))
    return "PuTTY private key";
  for (const TokenShape& shape : k_tokens) {
    for (std::size_t at = line.find(shape.prefix); at != std::string_view::npos;
         at = line.find(shape.prefix, at + 1)) {
      if (at > 0 && token_char(line[at - 1], Chars::token))
        continue; // inside a longer word
      std::size_t end = at + shape.prefix.size();
      while (end < line.size() && token_char(line[end], shape.chars))
        ++end;
      std::size_t length = end - at - shape.prefix.size();
      if (length >= shape.min_length && length <= shape.max_length &&
          (end == line.size() || !token_char(line[end], Chars::token)))
        return shape.name;
    }
  }
  // aws_secret_access_key = <40 characters of base64>
  std::size_t key = line.find("aws_secret_access_key");
  if (key == std::string_view::npos)
    key = line.find("AWS_SECRET_ACCESS_KEY");
  if (key != std::string_view::npos) {
    std::size_t at = line.find_first_of("=:", key);
    if (at != std::string_view::npos) {
      at = line.find_first_not_of(" \t\"'", at + 1);
      std::size_t end = at;
      while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) ||
                                   line[end] == '/' || line[end] == '+'))
        ++end;
      if (at != std::string_view::npos && end - at == 40)
        return "AWS secret access key";
    }
  }
  return {};
}

class PrivateKeyCheck : public FileCheck {
public:
  explicit PrivateKeyCheck(const config::Config& rules)
      : m_allow(GlobList(rules.get_strings("checks.private_keys.allow"))) {}

  void check(const FileData& data, const BlobReader& blobs, report::Report& out) const override {
    if (m_allow.first_match(data.file.path))
      return;
    std::string text = text_of(data, blobs);
    for_each_line(text, [&](std::string_view line, int number) {
      std::string_view kind = find_secret(line);
      if (kind.empty())
        return true;
      report::Finding finding;
      finding.check = "private-key";
      finding.path = data.file.path;
      finding.line = number;
      finding.message = std::string(kind) + " in " + where(data.file);
      finding.hint = "remove it and revoke it if it was ever shared; keep secrets in the "
                     "environment or a secrets manager (to allow the file: "
                     "checks.private_keys.allow)";
      out.add(std::move(finding));
      return false;
    });
  }

private:
  GlobList m_allow;
};

} // namespace

std::unique_ptr<FileCheck> make_private_key_check(const config::Config& rules) {
  return std::make_unique<PrivateKeyCheck>(rules);
}

} // namespace preflight::checks
