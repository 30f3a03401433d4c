// The secret shapes, table-driven: for each issuer a fake key of the real shape
// (built here so that no literal key sits in the repository) and near-misses
// that must not match; escaped line breaks, UTF-16 files and text past 8 MiB;
// ordinary text that must pass.
#include "checks/content.hpp"
#include "checks/secrets.hpp"
#include "config/config.hpp"

#include "memory_blobs.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

using namespace preflight;
using namespace preflight::checks;

namespace {

// n characters cycling through alphabet: fake but of the real character set.
std::string fake(std::size_t n,
                 std::string_view alphabet = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789") {
  std::string out;
  for (std::size_t i = 0; i < n; ++i)
    out += alphabet[i % alphabet.size()];
  return out;
}

const std::string k_upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const std::string k_marker = "T3Blbk" + std::string("FJ");

struct Case {
  std::string text;
  std::string kind; // "" for no match
};

std::vector<Case> shapes() {
  return {
      // OpenAI: legacy sk-, project, service account, admin keys.
      {"OPENAI_API_KEY=sk-" + fake(20) + k_marker + fake(20), "OpenAI API key"},
      {"key: sk-proj-" + fake(74, "ab_-9Z") + k_marker + fake(74, "Zx-_1"), "OpenAI API key"},
      {"sk-svcacct-" + fake(58) + k_marker + fake(58), "OpenAI API key"},
      {"sk-admin-" + fake(58) + k_marker + fake(58), "OpenAI API key"},
      {"sk-" + fake(48), ""},                         // no OpenAI marker
      {"sk-" + fake(10) + k_marker + fake(10), ""},   // too short
      {"task-" + fake(20) + k_marker + fake(20), ""}, // inside a word
      // Anthropic.
      {"ANTHROPIC_API_KEY=sk-ant-api03-" + fake(93, "aB3_-") + "AA", "Anthropic API key"},
      {"sk-ant-admin01-" + fake(93) + "AA", "Anthropic admin key"},
      {"sk-ant-api03-" + fake(92) + "AA", ""}, // one short
      {"sk-ant-api03-" + fake(93) + "AB", ""}, // wrong ending
      // Hugging Face.
      {"HF_TOKEN=hf_" + fake(34), "Hugging Face token"},
      {"api_org_" + fake(34), "Hugging Face organization token"},
      {"hf_" + fake(33), ""},
      {"hf_" + fake(35), ""},
      // GitHub.
      {"ghp_" + fake(36), "GitHub personal access token"},
      {"gho_" + fake(36), "GitHub OAuth token"},
      {"ghu_" + fake(36), "GitHub user-to-server token"},
      {"ghs_" + fake(36), "GitHub server-to-server token"},
      {"ghr_" + fake(36), "GitHub refresh token"},
      {"github_pat_" + fake(22) + "_" + fake(59), "GitHub fine-grained token"},
      {"ghp_" + fake(35), ""},
      {"ghp_" + fake(20) + "-" + fake(16), ""},
      {"github_pat_" + fake(81), ""},
      // GitLab.
      {"glpat-" + fake(20, "a-_B1"), "GitLab personal access token"},
      {"glpat-" + fake(19), ""},
      // Slack.
      {"xoxb-1234567890-1234567890123-" + fake(24), "Slack bot token"},
      {"xoxp-1234567890-1234567890-1234567890123-" + fake(32), "Slack user token"},
      {"xoxa-2-" + fake(40), "Slack app token"},
      {"xoxr-1-" + fake(40), "Slack refresh token"},
      {"xoxo-1234-" + fake(30), "Slack token"},
      {"xoxs-1234-" + fake(30), "Slack session token"},
      {"SLACK_TOKEN=xoxb-not-a-real-token-this-will-not-work", ""},
      {"xoxb-123-456", ""},
      // Stripe live keys (test keys are not secrets).
      {"sk_live_" + fake(24), "Stripe live secret key"},
      {"rk_live_" + fake(99), "Stripe live restricted key"},
      {"sk_test_" + fake(24), ""},
      {"sk_live_" + fake(23), ""},
      // Google API keys.
      {"AIza" + fake(35, "aZ09_-"), "Google API key"},
      {"AIza" + fake(34), ""},
      // npm and PyPI.
      {"//registry.npmjs.org/:_authToken=npm_" + fake(36), "npm access token"},
      {"npm_" + fake(35), ""},
      {"password = pypi-AgEIcHlwaS5vcmc" + fake(120, "aB-_1"), "PyPI API token"},
      {"pypi-AgENdGVzdC5weXBpLm9yZw" + fake(80), "TestPyPI API token"},
      {"pypi-AgEIcHlwaS5vcmc" + fake(49), ""},
      // AWS.
      {"aws_access_key_id = AKIA" + fake(16, k_upper), "AWS access key id"},
      {"ASIA" + fake(16, k_upper), "AWS temporary access key id"},
      {"ABIA" + fake(16, k_upper), "AWS STS service bearer token id"},
      {"ACCA" + fake(16, k_upper), "AWS context-specific credential id"},
      {"AKIA" + fake(15, k_upper), ""},
      {"AKIA" + fake(16, "abc"), ""},
      {"aws_secret_access_key = " + fake(40, "aB/+9"), "AWS secret access key"},
      {"AWS_SECRET_ACCESS_KEY=\"" + fake(40) + "\"", "AWS secret access key"},
      {"  \"SecretAccessKey\": \"" + fake(40) + "\",", "AWS secret access key"},
      {"aws_secret_access_key = " + fake(39), ""},
      // Private keys.
      {"-----BEGIN RSA PRIVATE KEY-----", "private key"},
      {"-----BEGIN OPENSSH PRIVATE KEY-----", "private key"},
      {"-----BEGIN EC PRIVATE KEY-----", "private key"},
      {"-----BEGIN PRIVATE KEY-----", "private key"},
      {"-----BEGIN ENCRYPTED PRIVATE KEY-----", "private key"},
      {"-----BEGIN PGP PRIVATE KEY BLOCK-----", "private key"},
      {"---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----", ""}, // not PEM: no five dashes
      {"-----BEGIN PUBLIC KEY-----", ""},
      {"-----BEGIN CERTIFICATE-----", ""},
      {"-----BEGIN OPENSSH PUBLIC KEY-----", ""},
      {"PuTTY-User-Key-File-3: ssh-ed25519", "PuTTY private key"},
      {"PuTTY-User-Key-File-2: ssh-rsa", "PuTTY private key"},
      // Right after an escaped line break or tab (minified JSON, notebooks).
      {R"({"metadata":{"env":"A=1\nsk-proj-)" + fake(58) + k_marker + fake(58) + R"("}})",
       "OpenAI API key"},
      {R"("source": ["x = 1\n", "\tghp_)" + fake(36) + R"(\n"])", "GitHub personal access token"},
      {R"(["token:\tghp_)" + fake(36) + R"("])", "GitHub personal access token"},
      {R"({"k":"\rhf_)" + fake(34) + R"("})", "Hugging Face token"},
      {R"({"k":"\xhf_)" + fake(34) + R"("})", ""}, // not an escape of a line break
      // Ordinary text.
      {"We use scikit-learn: the sk-learn alias is common; see task-runner docs.", ""},
      {"ASIA and AKIA are prefixes; ASIAN markets opened.", ""},
      {"Call hf_hub_download(repo_id) and set npm_config_cache.", ""},
      {"The github_pat_ prefix marks fine-grained tokens; api_org_name is a field.", ""},
      {"Set GOOGLE_API_KEY=AIzaSy... from the console.", ""},
      {"aws_secret_access_key = ${AWS_SECRET}", ""},
  };
}

} // namespace

TEST_CASE("secret shapes: fake keys of the real shape match, near-misses do not", "[secrets]") {
  for (const Case& c : shapes()) {
    INFO(c.text);
    CHECK(std::string(find_secret(c.text)) == c.kind);
  }
}

TEST_CASE("secrets in UTF-16 files and past the first 8 MiB", "[secrets]") {
  std::string key = "OPENAI_API_KEY=sk-" + fake(20) + k_marker + fake(20) + "\r\n";
  auto utf16 = [&](bool little) {
    std::string out = little ? "\xff\xfe" : "\xfe\xff";
    for (char c : "# local settings\r\n" + key) {
      out += little ? c : '\0';
      out += little ? '\0' : c;
    }
    return out;
  };
  std::string utf8;
  REQUIRE(decode_utf16(utf16(true), utf8));
  CHECK(utf8 == "# local settings\r\n" + key);
  REQUIRE(decode_utf16(utf16(false), utf8));
  CHECK(utf8 == "# local settings\r\n" + key);
  CHECK_FALSE(decode_utf16("plain", utf8));
  // Past ASCII, surrogate pairs, and what cannot be decoded (one '?' each).
  const std::pair<std::string, std::string> units[] = {
      {std::string("\xe9\x00", 2), "\xc3\xa9"},                 // U+00E9
      {std::string("\xac\x20", 2), "\xe2\x82\xac"},             // U+20AC
      {std::string("\x3d\xd8\x00\xde", 4), "\xf0\x9f\x98\x80"}, // U+1F600
      {std::string("\x00\xd8"
                   "a\x00",
                   4),
       "?a"}, // unpaired high
      {std::string("\x00\xdc"
                   "b\x00",
                   4),
       "?b"},                                  // lone low
      {std::string("c\x00\x00\xd8", 4), "c?"}, // high at the end
      {std::string("d\x00\x41", 3), "d?"},     // an odd byte
  };
  for (const auto& [le, want] : units) {
    std::string be;
    for (std::size_t i = 0; i + 1 < le.size(); i += 2)
      be += std::string{le[i + 1], le[i]};
    if (le.size() % 2)
      be += le.back();
    REQUIRE(decode_utf16("\xff\xfe" + le, utf8));
    CHECK(utf8 == want);
    REQUIRE(decode_utf16("\xfe\xff" + be, utf8));
    CHECK(utf8 == want);
  }

  std::map<std::string, std::string> files = {
      {".env", utf16(true)},
      {"settings.env", utf16(false)},
      {"late.txt", std::string(9 << 20, 'a') + "\n" + key},
      {"clean.txt", std::string(9 << 20, 'a') + "\nnothing here\n"},
  };
  test::MemoryBlobs blobs;
  ContentInput input;
  input.blobs = &blobs;
  for (const auto& [path, bytes] : files) {
    FileChange file;
    file.path = file.id = path;
    blobs.blobs[path] = bytes;
    input.changes.push_back(file);
  }
  report::Report report;
  run_content_checks(test::load_rules(), input, {}, report);
  std::vector<std::string> found;
  for (const report::Finding& f : report.findings())
    found.push_back(f.check + " " + f.path + ":" + std::to_string(f.line) + ": " + f.message);
  CHECK(found ==
        std::vector<std::string>{"private-key .env:2: OpenAI API key in .env",
                                 "private-key late.txt:2: OpenAI API key in late.txt",
                                 "private-key settings.env:2: OpenAI API key in settings.env"});
}
