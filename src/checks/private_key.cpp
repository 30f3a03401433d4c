// private-key: refuses private keys and credentials in text files (the shapes
// are in secrets.cpp, listed in docs/secrets.md): PEM/OpenSSH/PGP/PuTTY private
// keys, AWS, OpenAI, Anthropic, GitHub, GitLab, Slack, Stripe, Google, Hugging
// Face, npm and PyPI tokens. Why: a pushed secret must be revoked, and it stays
// in history. UTF-16 files (with a byte order mark) are read as text, and a file
// is read whole up to checks.large_files.max_size (at least 8 MiB). Known false
// positives: documentation that shows real-looking example keys (allow the path).
#include "checks/glob.hpp"
#include "checks/secrets.hpp"
#include "checks/text_scan.hpp"

#include <algorithm>

namespace preflight::checks {

namespace {

class PrivateKeyCheck : public FileCheck {
public:
  explicit PrivateKeyCheck(const config::Config& rules)
      : m_allow(GlobList(rules.get_strings("checks.private_keys.allow"))),
        m_limit(
            std::max<std::uint64_t>(k_text_limit, rules.get_size("checks.large_files.max_size"))) {}

  void check(const FileData& data, const BlobReader& blobs, report::Report& out) const override {
    if (m_allow.first_match(data.file.path))
      return;
    std::string text = text_of(data, blobs, static_cast<std::size_t>(m_limit));
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
  std::uint64_t m_limit; // bytes of a file read
};

} // namespace

std::unique_ptr<FileCheck> make_private_key_check(const config::Config& rules) {
  return std::make_unique<PrivateKeyCheck>(rules);
}

} // namespace preflight::checks
