// The exchange, as git's sub-process.c and convert.c drive it:
//
//   git> git-filter-client, version=2, flush      filter> git-filter-server, version=2, flush
//   git> capability=clean, capability=smudge, ... filter> the ones it supports, flush
//   then per file:
//   git> command=clean, pathname=P, [more keys], flush, content, flush
//   filter> status=success, flush, content, flush, flush (an empty list: status unchanged)
//        or status=error|abort, flush
#include "git/filter_protocol.hpp"

#include "util/error.hpp"

#include <algorithm>

namespace preflight::git {

namespace {

[[noreturn]] void protocol_error(const std::string& what) {
  throw Error("git filter protocol: " + what);
}

std::string first_or_flush(const std::vector<std::string>& lines) {
  return lines.empty() ? "a flush packet" : "\"" + lines.front() + "\"";
}

void handshake(pkt::Reader& reader, pkt::Writer& writer,
               std::span<const std::string_view> capabilities) {
  std::optional<std::vector<std::string>> hello = reader.read_list();
  if (!hello || hello->empty() || hello->front() != "git-filter-client")
    protocol_error("expected git-filter-client, got " +
                   (hello ? first_or_flush(*hello) : std::string("the end of input")) +
                   " (this command is run by git: filter.<driver>.process)");
  if (std::find(hello->begin() + 1, hello->end(), "version=2") == hello->end())
    protocol_error("git offers no version this filter speaks (version=2)");
  writer.text("git-filter-server");
  writer.text("version=2");
  writer.flush();
  writer.send();

  std::optional<std::vector<std::string>> offered = reader.read_list();
  if (!offered)
    protocol_error("input ends before the capabilities");
  for (const std::string& line : *offered) {
    std::string_view name(line);
    if (!name.starts_with("capability="))
      continue;
    name.remove_prefix(std::string_view("capability=").size());
    if (std::find(capabilities.begin(), capabilities.end(), name) != capabilities.end())
      writer.text(line);
  }
  writer.flush();
  writer.send();
}

FilterRequest parse_request(const std::vector<std::string>& lines) {
  FilterRequest request;
  for (const std::string& line : lines) {
    std::size_t equals = line.find('=');
    if (equals == std::string::npos)
      protocol_error("expected key=value, got \"" + line + "\"");
    std::string key = line.substr(0, equals);
    std::string value = line.substr(equals + 1);
    if (key == "command")
      request.command = std::move(value);
    else if (key == "pathname")
      request.pathname = std::move(value);
    else
      request.extra.emplace_back(std::move(key), std::move(value));
  }
  if (request.command.empty())
    protocol_error("a request without command=");
  return request;
}

void respond(pkt::Writer& writer, FilterStatus status, std::string_view content) {
  switch (status) {
  case FilterStatus::success:
    writer.text("status=success");
    writer.flush();
    writer.content(content);
    writer.flush();
    writer.flush(); // keep "success"
    break;
  case FilterStatus::error:
    writer.text("status=error");
    writer.flush();
    break;
  case FilterStatus::abort:
    writer.text("status=abort");
    writer.flush();
    break;
  }
  writer.send();
}

} // namespace

void serve_filter(pkt::Reader& reader, pkt::Writer& writer,
                  std::span<const std::string_view> capabilities, const FilterFn& handler) {
  handshake(reader, writer, capabilities);
  std::string content;
  while (std::optional<std::vector<std::string>> lines = reader.read_list()) {
    FilterRequest request = parse_request(*lines);
    content.clear();
    reader.read_content(content);
    bool supported =
        std::find(capabilities.begin(), capabilities.end(), request.command) != capabilities.end();
    FilterStatus status = supported ? handler(request, content) : FilterStatus::error;
    respond(writer, status, content);
  }
}

} // namespace preflight::git
