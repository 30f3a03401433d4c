// The server hooks' input (pre-receive lines into the pre-push form) and the CI
// formats (GitHub workflow commands and SARIF), whole outputs.
#include "report/ci.hpp"
#include "server/receive.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

using namespace preflight;

TEST_CASE("pre-receive lines become pre-push lines", "[server]") {
  std::string a(40, 'a'), b(40, 'b'), z(40, '0');
  CHECK(server::to_push_lines(a + " " + b + " refs/heads/main\n" + z + " " + a + " refs/tags/v1\n" +
                              b + " " + z + " refs/heads/old\n") ==
        "refs/heads/main " + b + " refs/heads/main " + a + "\n" + "refs/tags/v1 " + a +
            " refs/tags/v1 " + z + "\n" + "refs/heads/old " + z + " refs/heads/old " + b + "\n");
  CHECK(server::to_push_lines("").empty());
  CHECK_THROWS_WITH(server::to_push_lines(a + " refs/heads/main\n"),
                    "pre-receive: line 1 of standard input is not \"<old id> <new id> <ref>\": "
                    "\"" +
                        a + " refs/heads/main\"");
}

namespace {

report::Report sample() {
  report::Report r;
  report::Finding f;
  f.check = "checkpoint";
  f.path = "w,v1:x%.pt";
  f.message = "checkpoint or model file w,v1:x%.pt";
  f.hint = "unstage it";
  f.commit = std::string(40, 'c');
  r.add(f);
  report::Finding g;
  g.check = "conflict-marker";
  g.severity = report::Severity::warning;
  g.path = "odd\nname\r.txt";
  g.line = 2;
  g.column = 3;
  g.message = "marker in \x1b[2J";
  r.add(g);
  return r;
}

} // namespace

TEST_CASE("github format: workflow commands escaped as GitHub's toolkit does", "[report]") {
  CHECK(report::github_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce");
  CHECK(report::github_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e");
  CHECK(report::to_github(sample()) ==
        "::error file=w%2Cv1%3Ax%25.pt,title=preflight checkpoint::checkpoint or model file "
        "w,v1:x%25.pt%0Ahint: unstage it\n"
        "::warning file=odd%0Aname\\x0d.txt,line=2,col=3,title=preflight "
        "conflict-marker::marker in \\x1b[2J\n");
}

TEST_CASE("sarif format: one result per finding with rule, level, location, commit", "[report]") {
  auto log = nlohmann::json::parse(report::to_sarif(sample()));
  CHECK(log["version"] == "2.1.0");
  const auto& run = log["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "preflight");
  CHECK(run["tool"]["driver"]["rules"] ==
        nlohmann::json::parse(R"([{"id": "checkpoint", "shortDescription": {"text":
          "preflight check checkpoint"}}, {"id": "conflict-marker", "shortDescription":
          {"text": "preflight check conflict-marker"}}])"));
  REQUIRE(run["results"].size() == 2);
  CHECK(run["results"][0] == nlohmann::json::parse(R"({
    "ruleId": "checkpoint", "ruleIndex": 0, "level": "error",
    "message": {"text": "checkpoint or model file w,v1:x%.pt\nhint: unstage it"},
    "locations": [{"physicalLocation": {"artifactLocation":
      {"uri": "w%2Cv1%3Ax%25.pt", "uriBaseId": "%SRCROOT%"}}}],
    "properties": {"commit": "cccccccccccccccccccccccccccccccccccccccc"},
    "partialFingerprints": {"preflight/v1":
      "checkpoint:w%2Cv1%3Ax%25.pt:0:cccccccccccccccccccccccccccccccccccccccc"}})"));
  CHECK(run["results"][1]["level"] == "warning");
  CHECK(run["results"][1]["locations"][0]["physicalLocation"] == nlohmann::json::parse(R"({
    "artifactLocation": {"uri": "odd%0Aname%0D.txt", "uriBaseId": "%SRCROOT%"},
    "region": {"startLine": 2, "startColumn": 3}})"));
  CHECK_FALSE(run["results"][1].contains("properties"));
}

TEST_CASE("format_report: text is for people", "[report]") {
  CHECK_FALSE(report::format_report(sample(), "text"));
  CHECK(report::format_report(sample(), "github") == report::to_github(sample()));
}
