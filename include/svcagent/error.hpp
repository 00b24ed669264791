#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <svcagent/runner.hpp>

namespace svcagent {

// Where a value or a finding comes from: "/etc/opensvc/db1.conf", line 14.
// line 0 means "the whole file" (or no file at all, e.g. "--env").
struct Origin {
    std::string file;
    int line = 0;
    [[nodiscard]] std::string str() const;  // "db1.conf:14", "db1.conf", "--env"
    bool operator==(const Origin&) const = default;
};

// Base of every error the program reports; never thrown itself.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Bad command line: exit code 2.
class UsageError : public Error {
public:
    using Error::Error;
};

// Bad configuration: what() is "<file>:<line>: <message>".
class ConfigError : public Error {
public:
    ConfigError(Origin where, std::string_view message);
    [[nodiscard]] const Origin& where() const noexcept { return m_where; }
    [[nodiscard]] const std::string& message() const noexcept { return m_message; }

private:
    Origin m_where;
    std::string m_message;
};

// An external command that failed: argv, exit status, stdout and stderr.
class CommandError : public Error {
public:
    CommandError(const Command& cmd, CommandResult result);
    [[nodiscard]] const CommandResult& result() const noexcept { return m_result; }
    [[nodiscard]] const std::vector<std::string>& argv() const noexcept { return m_argv; }

private:
    std::vector<std::string> m_argv;
    CommandResult m_result;
};

// A driver's own refusal: "ip#0: 10.0.0.5 is already in use (answered by 52:54:00:12:34:56)".
class ResourceError : public Error {
public:
    ResourceError(std::string rid, std::string_view message);
    [[nodiscard]] const std::string& rid() const noexcept { return m_rid; }

private:
    std::string m_rid;
};

// A peer could not be reached or answered with an error.
class RemoteError : public Error {
public:
    RemoteError(std::string node, std::string_view message);
    [[nodiscard]] const std::string& node() const noexcept { return m_node; }

private:
    std::string m_node;
};

}  // namespace svcagent
