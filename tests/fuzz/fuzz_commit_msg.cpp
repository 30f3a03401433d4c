// Fuzz target: commit messages are untrusted input (anyone can write one, and
// pre-push lints other people's). Linting must never crash, hang or read out of
// bounds, whatever the bytes. The first byte picks the parser, cleanup and
// length unit; every rule runs at its default value.
#include "commitmsg/lint.hpp"
#include "commitmsg/rules.hpp"

#include <cstdint>
#include <string_view>

namespace {

preflight::commitmsg::Settings settings_for(std::uint8_t selector) {
  using namespace preflight::commitmsg;
  Settings settings = all_rules_off();
  for (auto& [name, rule] : settings.rules)
    rule.level = preflight::config::Level::error;
  settings.parser = (selector & 1) ? ParserMode::spec : ParserMode::commitlint;
  constexpr Cleanup k_modes[] = {Cleanup::comments, Cleanup::strip, Cleanup::scissors,
                                 Cleanup::whitespace, Cleanup::verbatim};
  settings.cleanup = k_modes[(selector >> 1) % 5];
  settings.length_unit = (selector & 0x10) ? LengthUnit::codepoint : LengthUnit::utf16;
  settings.control_chars_error = (selector & 0x20) != 0;
  settings.invalid_utf8_error = (selector & 0x40) != 0;
  settings.empty_is_error = (selector & 0x80) != 0;
  settings.ignore_defaults = (selector & 0x08) == 0;
  settings.ignore_patterns = {"*release*", "WIP?*"};
  return settings;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  const auto settings = settings_for(data[0]);
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto result = preflight::commitmsg::lint({bytes, std::string("auto"), "msg"}, settings);
  for (const auto& finding : result.findings)
    (void)finding.detail.size();
  return 0;
}
