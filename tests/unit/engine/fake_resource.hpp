#pragma once

// A tiny in-test Resource: records its calls in a shared journal, can be told to fail.

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <svcagent/driver.hpp>
#include <svcagent/error.hpp>

namespace svcagent::testing {

class Journal {
public:
    void add(std::string entry) {
        const std::lock_guard guard(m_mutex);
        m_entries.push_back(std::move(entry));
    }
    [[nodiscard]] std::vector<std::string> entries() const {
        const std::lock_guard guard(m_mutex);
        return m_entries;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<std::string> m_entries;
};

class FakeResource final : public Resource {
public:
    FakeResource(std::string rid, std::shared_ptr<Journal> journal) : m_rid(std::move(rid)), m_journal(std::move(journal)) {}

    bool up = false;
    bool fail_start = false;
    bool fail_stop = false;
    std::optional<std::string> conflict;
    std::function<void()> on_start{};

    [[nodiscard]] std::string label() const override { return "fake " + m_rid; }
    [[nodiscard]] StatusReport status(ActionContext&) override {
        return StatusReport{.status = up ? Status::up : Status::down, .log = {}, .info = nlohmann::json::object()};
    }
    [[nodiscard]] std::optional<std::string> start_conflict(ActionContext&) override {
        m_journal->add("conflict " + m_rid);
        return conflict;
    }
    bool start(ActionContext&) override {
        m_journal->add("start " + m_rid);
        if (on_start) {
            on_start();
        }
        if (fail_start) {
            throw ResourceError(m_rid, "start failed on purpose");
        }
        return !std::exchange(up, true);
    }
    bool stop(ActionContext&) override {
        m_journal->add("stop " + m_rid);
        if (fail_stop) {
            throw ResourceError(m_rid, "stop failed on purpose");
        }
        return std::exchange(up, false);
    }
    void provision(ActionContext&) override { m_journal->add("provision " + m_rid); }
    void unprovision(ActionContext&) override { m_journal->add("unprovision " + m_rid); }

private:
    std::string m_rid;
    std::shared_ptr<Journal> m_journal;
};

}  // namespace svcagent::testing
