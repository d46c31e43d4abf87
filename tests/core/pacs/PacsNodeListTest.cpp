#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/pacs/PacsNodeList.h"
#include "tests/core/TestSupport.h"

namespace crosscheck {

namespace {

std::vector<ConfiguredNode> twoNodes() {
    ConfiguredNode dimse;
    dimse.name = "Hospital PACS";
    dimse.address = "PACS@pacs.example.org:104";
    dimse.callingAeTitle = "CC_WS1";
    dimse.timeoutSeconds = 12;
    ConfiguredNode web;
    web.name = "Orthanc web";
    web.address = "http://127.0.0.1:8042/dicom-web";
    web.user = "alice";
    web.password = "s3cret-pw";
    return {dimse, web};
}

void writeText(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file) << text;
}

}  // namespace

TEST_CASE("the node list is written and read back unchanged", "[pacs]") {
    const test::TempFolder dir("crosscheck-nodes-test");
    const auto file = dir.path() / "config" / "crosscheck" / "nodes.json";
    saveNodeList(file, twoNodes());
    const std::vector<ConfiguredNode> read = loadNodeList(file);
    REQUIRE(read.size() == 2);
    CHECK(read[0].name == "Hospital PACS");
    CHECK(read[0].address == "PACS@pacs.example.org:104");
    CHECK(read[0].callingAeTitle == "CC_WS1");
    CHECK(read[0].timeoutSeconds == 12);
    CHECK_FALSE(read[0].isDicomWeb());
    CHECK(read[0].dimseNode().address() == "PACS@pacs.example.org:104");
    CHECK(read[0].dimseNode().timeoutSeconds == 12);
    CHECK(read[1].isDicomWeb());
    CHECK(read[1].user == "alice");
    CHECK(read[1].password == "s3cret-pw");
    CHECK(read[1].token.empty());
    CHECK(read[1].label() == "Orthanc web (http://127.0.0.1:8042/dicom-web)");
}

TEST_CASE("a DIMSE node's DICOM TLS settings are kept and reach the association", "[pacs]") {
    const test::TempFolder dir("crosscheck-nodes-test");
    const auto file = dir.path() / "nodes.json";
    std::vector<ConfiguredNode> nodes = twoNodes();
    nodes[0].useTls = true;
    nodes[0].tlsCaFile = "/etc/ssl/hospital-ca.pem";
    nodes[0].tlsCertFile = "/home/u/cc.pem";
    nodes[0].tlsKeyFile = "/home/u/cc.key";
    saveNodeList(file, nodes);
    std::ifstream in(file);
    const nlohmann::json j = nlohmann::json::parse(in);
    CHECK(j["nodes"][0]["tls"] == true);
    CHECK(j["nodes"][0]["tls_ca"] == "/etc/ssl/hospital-ca.pem");
    CHECK_FALSE(j["nodes"][1].contains("tls"));
    const PacsNode node = loadNodeList(file)[0].dimseNode();
    CHECK(node.useTls);
    CHECK(node.tlsCaFile == "/etc/ssl/hospital-ca.pem");
    CHECK(node.tlsCertFile == "/home/u/cc.pem");
    CHECK(node.tlsKeyFile == "/home/u/cc.key");
    // Files kept for a node whose TLS is switched off are not used.
    nodes[0].useTls = false;
    saveNodeList(file, nodes);
    const ConfiguredNode off = loadNodeList(file)[0];
    CHECK(off.tlsCaFile == "/etc/ssl/hospital-ca.pem");
    CHECK_FALSE(off.dimseNode().useTls);
    CHECK(off.dimseNode().tlsCaFile.empty());
}

TEST_CASE("the node list file and a new folder for it are the user's only", "[pacs]") {
    const test::TempFolder dir("crosscheck-nodes-test");
    const auto file = dir.path() / "crosscheck" / "nodes.json";
    saveNodeList(file, twoNodes());
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 07777) == 0600);
    REQUIRE(::stat(file.parent_path().c_str(), &info) == 0);
    CHECK((info.st_mode & 07777) == 0700);
    // Saving again over a file someone made world-readable makes it private again, and
    // leaves no temporary file behind.
    ::chmod(file.c_str(), 0644);
    saveNodeList(file, twoNodes());
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 07777) == 0600);
    int entries = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(file.parent_path())) {
        ++entries;
    }
    CHECK(entries == 1);
}

TEST_CASE("a missing node list is empty; a corrupt one is an error naming the file", "[pacs]") {
    const test::TempFolder dir("crosscheck-nodes-test");
    const auto file = dir.path() / "nodes.json";
    CHECK(loadNodeList(file).empty());
    // Cut off after the password: the message names the file and never quotes the text.
    writeText(file, R"({"nodes": [{"name": "A", "address": "http://h/x", "password": "s3cret-pw)");
    try {
        loadNodeList(file);
        FAIL("a truncated file was read");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        CHECK_THAT(what, Catch::Contains(file.string()) && Catch::Contains("not valid JSON"));
        CHECK_THAT(what, !Catch::Contains("s3cret"));
    }
    writeText(file, R"({"version": 1})");
    CHECK_THROWS_WITH(loadNodeList(file),
                      Catch::Contains(file.string()) && Catch::Contains("no \"nodes\" list"));
    writeText(file, R"({"nodes": [{"name": "B", "address": "no-at-sign:104"}]})");
    CHECK_THROWS_WITH(loadNodeList(file), Catch::Contains(file.string()) &&
                                              Catch::Contains("node 'B'") &&
                                              Catch::Contains("AET@HOST:PORT"));
    writeText(file, R"({"nodes": [{"name": "C", "address": "A@h:1", "timeout_s": "ten"}]})");
    CHECK_THROWS_WITH(loadNodeList(file), Catch::Contains("timeout_s"));
}

TEST_CASE("keys the node list does not know are ignored and kept when saved again", "[pacs]") {
    const test::TempFolder dir("crosscheck-nodes-test");
    const auto file = dir.path() / "nodes.json";
    writeText(file, R"({"version": 7, "nodes": [{"name": "T", "address": "PACS@h:2762",
        "proxy": {"url": "socks5://gw:1080"}, "calling_aet": "ME"}], "future": true})");
    std::vector<ConfiguredNode> nodes = loadNodeList(file);
    REQUIRE(nodes.size() == 1);
    CHECK(nodes[0].callingAeTitle == "ME");
    nodes[0].timeoutSeconds = 5;
    saveNodeList(file, nodes);
    std::ifstream in(file);
    const nlohmann::json saved = nlohmann::json::parse(in);
    CHECK(saved["nodes"][0]["proxy"]["url"] == "socks5://gw:1080");
    CHECK(saved["nodes"][0]["timeout_s"] == 5);
}

TEST_CASE("unusable nodes are refused before anything is written", "[pacs]") {
    const test::TempFolder dir("crosscheck-nodes-test");
    const auto file = dir.path() / "nodes.json";
    std::vector<ConfiguredNode> nodes = twoNodes();
    nodes[1].name = nodes[0].name;
    CHECK_THROWS_WITH(saveNodeList(file, nodes), Catch::Contains("two nodes are named"));
    nodes = twoNodes();
    nodes[0].user = "bob";
    CHECK_THROWS_WITH(saveNodeList(file, nodes), Catch::Contains("DICOMweb nodes"));
    nodes = twoNodes();
    nodes[1].token = "tok";
    CHECK_THROWS_WITH(saveNodeList(file, nodes), Catch::Contains("not both"));
    nodes = twoNodes();
    nodes[0].timeoutSeconds = 0;
    CHECK_THROWS_WITH(saveNodeList(file, nodes), Catch::Contains("1 to 3600"));
    nodes = twoNodes();
    nodes[0].useTls = true;
    CHECK_THROWS_WITH(saveNodeList(file, nodes), Catch::Contains("needs the CA certificate"));
    nodes[0].tlsCaFile = "/etc/ssl/hospital-ca.pem";
    nodes[0].tlsCertFile = "/home/u/cc.pem";
    CHECK_THROWS_WITH(saveNodeList(file, nodes), Catch::Contains("certificate and its key"));
    nodes = twoNodes();
    nodes[1].useTls = true;
    nodes[1].tlsCaFile = "/etc/ssl/hospital-ca.pem";
    CHECK_THROWS_WITH(saveNodeList(file, nodes), Catch::Contains("https://"));
    CHECK_FALSE(std::filesystem::exists(file));
}

TEST_CASE("the node list lives under XDG_CONFIG_HOME, else ~/.config", "[pacs]") {
    const char* oldConfig = std::getenv("XDG_CONFIG_HOME");
    const std::string saved = oldConfig != nullptr ? oldConfig : "";
    ::setenv("XDG_CONFIG_HOME", "/tmp/cfg", 1);
    CHECK(defaultNodeListLocation() == std::filesystem::path("/tmp/cfg/crosscheck/nodes.json"));
    ::unsetenv("XDG_CONFIG_HOME");
    CHECK(defaultNodeListLocation() ==
          std::filesystem::path(std::getenv("HOME")) / ".config/crosscheck/nodes.json");
    if (oldConfig != nullptr) {
        ::setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
    }
}

}  // namespace crosscheck
