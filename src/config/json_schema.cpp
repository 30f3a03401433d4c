#include "config/json_schema.hpp"

#include "commitmsg/rules.hpp"
#include "commitmsg/text.hpp"
#include "config/numbers.hpp"
#include "config/schema.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <iterator>
#include <limits>
#include <map>

namespace preflight::config {

namespace {

using nlohmann::json;

// What yaml-cpp reads as a boolean (YAML::convert<bool>); YAML 1.1 readers
// such as PyYAML read some of them as booleans already, others as strings.
const json k_bool_words = {"y",  "Y",  "yes",  "Yes",  "YES",  "n",     "N",     "no",
                           "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
                           "on", "On", "ON",   "off",  "Off",  "OFF"};

json scalar() {
  return {{"type", {"string", "number", "boolean"}}};
}

// What whole_number (numbers.hpp) reads: a number that is whole within 64
// bits, or a quoted -?[0-9]{1,18}.
json integer_schema() {
  return {{"anyOf",
           {{{"type", "integer"},
             {"minimum", std::numeric_limits<std::int64_t>::min()},
             {"maximum", std::numeric_limits<std::int64_t>::max()}},
            {{"type", "string"}, {"pattern", "^-?[0-9]{1,18}$"}}}}};
}

// What size_value (numbers.hpp) reads: a whole number 0 .. 2^64 - 1, or text
// with at most as many digits as fit before its unit.
json size_schema() {
  const char* units[] = {"", "[kK]", "[mM]", "[gG]", "[tT]"};
  std::string pattern = "^(";
  for (std::size_t i = 0; i < std::size(units); ++i)
    pattern += std::string(i ? "|" : "") + "[0-9]{1," + std::to_string(k_size_digits[i]) + "} *" +
               units[i] + (i ? "[iI]?" : "") + "[bB]?";
  pattern += ")$";
  return {{"anyOf",
           {{{"type", "integer"},
             {"minimum", 0},
             {"maximum", std::numeric_limits<std::uint64_t>::max()}},
            {{"type", "string"}, {"pattern", pattern}}}}};
}

// A commit-msg rule's setting: a level, [level, when, value] or {level, when,
// value}, with the value the rule's kind takes (commitmsg/settings.cpp).
json rule_setting_schema(const commitmsg::RuleDef& rule) {
  json level = {
      {"enum", {"error", "warning", "warn", "off", "no", "false", "0", "1", "2", 0, 1, 2, false}}};
  json when = {{"enum", {"always", "never"}}};
  json strings = {{"anyOf", {scalar(), {{"type", "array"}, {"items", scalar()}}}}};
  json value;
  switch (rule.kind) {
  case commitmsg::ValueKind::none: value = {{"type", "null"}}; break;
  case commitmsg::ValueKind::integer:
    value = {{"anyOf",
              {{{"type", "integer"},
                {"minimum", 0},
                {"maximum", std::numeric_limits<std::int64_t>::max()}},
               {{"type", "string"}, {"pattern", "^(-?0{1,18}|[0-9]{1,18})$"}}}}};
    break;
  case commitmsg::ValueKind::text:
    value = {
        {"anyOf", {{{"type", "string"}, {"minLength", 1}}, {{"type", {"number", "boolean"}}}}}};
    break;
  case commitmsg::ValueKind::strings: value = strings; break;
  case commitmsg::ValueKind::cases: {
    json names = json::array();
    for (std::string_view name : commitmsg::case_names())
      names.push_back(std::string(name));
    json one = {{"enum", names}};
    value = {{"anyOf", {one, {{"type", "array"}, {"items", one}}}}};
    break;
  }
  case commitmsg::ValueKind::scopes:
    value = {{"anyOf",
              {strings,
               {{"type", "object"},
                {"properties", {{"scopes", strings}, {"delimiters", strings}}},
                {"additionalProperties", false}}}}};
    break;
  }
  return {{"anyOf",
           {level,
            {{"type", "array"}, {"minItems", 1}, {"maxItems", 3}, {"items", {level, when, value}}},
            {{"type", "object"},
             {"properties", {{"level", level}, {"when", when}, {"value", value}}},
             {"required", {"level"}},
             {"additionalProperties", false}}}}};
}

json value_schema(const KeyDef& key) {
  switch (key.type) {
  case ValueType::section:
    return {{"type", {"object", "null"}},
            {"properties", json::object()},
            {"additionalProperties", false}};
  case ValueType::boolean: return {{"anyOf", {{{"type", "boolean"}}, {{"enum", k_bool_words}}}}};
  case ValueType::integer: return integer_schema();
  case ValueType::size: return size_schema();
  case ValueType::string: return scalar();
  case ValueType::string_list:
    return {{"anyOf", {scalar(), {{"type", "array"}, {"items", scalar()}}}}};
  case ValueType::choice: {
    json choices = json::array();
    for (std::string_view choice : key.choices)
      choices.push_back(std::string(choice));
    return {{"enum", choices}};
  }
  case ValueType::object_list:
    return {
        {"type", "array"},
        {"items",
         {{"type", "object"}, {"properties", json::object()}, {"additionalProperties", false}}}};
  case ValueType::named_map: {
    json out = {{"type", {"object", "null"}}};
    if (key.names.empty()) {
      out["additionalProperties"] = scalar(); // env: each value a string
      return out;
    }
    json names = json::array();
    for (std::string_view name : key.names)
      names.push_back(std::string(name));
    out["propertyNames"] = {{"enum", names}};
    if (key.path == "commit_msg.rules")
      for (std::string_view name : key.names)
        if (const commitmsg::RuleDef* rule = commitmsg::find_rule(name))
          out["properties"][std::string(name)] = rule_setting_schema(*rule);
    return out;
  }
  }
  return json::object();
}

} // namespace

std::string json_schema() {
  json root = {{"$schema", "http://json-schema.org/draft-07/schema#"},
               {"title", ".preflight.yaml and .preflight.local.yaml"},
               {"description", "preflight's rules file (generated by `preflight schema`)."},
               {"type", {"object", "null"}},
               {"properties", json::object()},
               {"additionalProperties", false}};
  // Where the keys below each path go: "" is the top, "x.y[]" a list's items.
  std::map<std::string, json::json_pointer, std::less<>> containers = {
      {"", json::json_pointer("/properties")}};
  // Lists of strings by "x.y[]", for the maps some of them also take.
  std::map<std::string, json::json_pointer, std::less<>> string_lists;
  for (const KeyDef& key : key_table()) {
    std::string path(key.path);
    auto dot = path.rfind('.');
    std::string parent = dot == std::string::npos ? "" : path.substr(0, dot);
    std::string name = dot == std::string::npos ? path : path.substr(dot + 1);
    auto found = containers.find(parent);
    if (auto list = string_lists.find(parent); list != string_lists.end()) {
      // "extends[].path", "extends[].repo", "extends[].rev": a list of strings
      // whose items may also be maps.
      json& items = root[list->second / "anyOf" / 1 / "items"];
      if (!items.contains("anyOf"))
        items = {{"anyOf",
                  {items,
                   {{"type", "object"},
                    {"properties", json::object()},
                    {"minProperties", 1},
                    {"maxProperties", 3},
                    {"additionalProperties", false}}}}};
      json schema = value_schema(key);
      schema["description"] = std::string(key.doc);
      items["anyOf"][1]["properties"][name] = std::move(schema);
      continue;
    }
    if (found == containers.end())
      continue; // below a named_map: described by the map
    json schema = value_schema(key);
    schema["description"] = std::string(key.doc);
    json::json_pointer at = found->second / name;
    root[at] = std::move(schema);
    if (key.type == ValueType::section)
      containers[path] = at / "properties";
    else if (key.type == ValueType::object_list)
      containers[path + "[]"] = at / "items" / "properties";
    else if (key.type == ValueType::string_list)
      string_lists[path + "[]"] = at;
  }
  return root.dump(2) + "\n";
}

} // namespace preflight::config
