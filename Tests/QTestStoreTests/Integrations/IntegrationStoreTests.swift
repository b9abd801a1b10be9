import Foundation
import GRDB
import Testing
@testable import QTestStore

/// The store rules of Jira connections and mappings, called in-process, and their fixture
/// section: URL checks, artifact names, what a disabled feature allows, the seed loader's order.
@Suite struct IntegrationStoreTests {
    static func store() throws -> QTestDatabase {
        let store = try QTestDatabase(clock: FixedClock())
        try store.write { (db: Database) throws in
            _ = try Projects.create(db, ProjectDraft(id: 108781, name: "P"), by: nil, at: Date())
        }
        return store
    }

    @Test func serverURLsMustBeAbsoluteHTTP() throws {
        for good in ["https://example.atlassian.net", "http://jira.local:8080/jira/", "HTTPS://JIRA.EXAMPLE.COM", "https://bot@jira.example.com",
                     "http://[::1]:8080/", "https://j", "https://jira.example.com?x=1"] {
            #expect(try IntegrationChecks.url(good, "server_url") == good)
        }
        for bad in [nil, "", "  ", "example.atlassian.net", "//example.com", "ftp://example.com", "https://", "https:///path",
                    "https://exa mple.com", "https://example.com/\u{7}", "javascript:alert(1)", "https://:8080", "https://jira:80x",
                    "https://jira:", "http://[::1", "https://@/", "file:///etc/passwd", "mailto:me@example.com", "https://" + String(repeating: "a", count: 2001)] as [String?] {
            #expect(throws: StoreError.self, "\(bad ?? "nil")") { try IntegrationChecks.url(bad, "server_url") }
        }
    }

    @Test func artifactNamesAreReadInAnyCaseSingularOrPlural() {
        #expect(IntegrationArtifact(name: "Defect") == .defect && IntegrationArtifact(name: "defects") == .defect)
        #expect(IntegrationArtifact(name: "REQUIREMENTS") == .requirement && IntegrationArtifact(name: "Release") == .release)
        #expect(IntegrationArtifact(name: "test-cases") == nil && IntegrationArtifact(name: "") == nil && IntegrationArtifact(name: "s") == nil)
        #expect(IntegrationArtifact.allCases.map(\.pluralName) == ["Defects", "Requirements", "Releases"])
    }

    @Test func aDisabledFeatureKeepsItsMappingsButTakesNoNewOnes() throws {
        let store = try Self.store()
        let now = Date()
        try store.write { (db: Database) throws in
            let c = try IntegrationConnections.create(db, projectId: 108781, IntegrationConnectionDraft(
                connectionName: "J", serverUrl: "https://j.example.com", username: "u", token: "t"), by: nil, at: now)
            #expect(c.active == false && c.id == ObjectKind.integrationConnection.firstID)
            let key = IntegrationMappingKey(externalProjectId: "1", externalTypeId: "2")
            #expect(throws: StoreError.self) { try IntegrationMappings.add(db, projectId: 108781, connectionId: c.id, .requirement, key, at: now) }
            try IntegrationConnections.change(db, projectId: 108781, c.id, IntegrationSwitches(requirementIntegration: true), at: now)
            let m = try IntegrationMappings.add(db, projectId: 108781, connectionId: c.id, .requirement, key, at: now)
            #expect(m.activeExternalFields == IntegrationMappings.defaultActiveExternalFields)
            try IntegrationConnections.change(db, projectId: 108781, c.id, IntegrationSwitches(requirementIntegration: false), at: now)
            #expect(throws: StoreError.self) {
                try IntegrationMappings.configure(db, projectId: 108781, connectionId: c.id, key, RequirementMappingSettings(externalFilter: "1"), at: now)
            }
            #expect(try IntegrationMappings.list(db, projectId: 108781, connectionId: c.id, .requirement).count == 1)
            try IntegrationMappings.remove(db, projectId: 108781, connectionId: c.id, .requirement, key)
            // Defect mappings have no switch, on an inactive connection too.
            try IntegrationMappings.add(db, projectId: 108781, connectionId: c.id, .defect, key, at: now)
            // Another project's connection is not found from this one.
            #expect(throws: StoreError.self) { try IntegrationConnections.get(db, projectId: 1, c.id) }
        }
    }

    @Test func aFixtureLoadsMappingsOfAFeatureSwitchedOffAfterThem() throws {
        let fixture = try SeedFixture.decode(Data("""
            {"projects": [{"id": 108781, "name": "P", "integration_connections": [{
              "id": 77, "connection_name": "J", "server_url": "https://j.example.com", "username": "u", "token": "t",
              "requirement_integration": false, "release_integration": false,
              "requirement_mappings": [{"id": 9, "external_project_id": "1", "external_type_id": "2", "external_filter": "10048"}],
              "release_mappings": [{"external_project_id": "1", "external_type_id": "Sprint", "data_retrieval_options": ["future"]}]}]}]}
            """.utf8))
        let store = try QTestDatabase(clock: FixedClock())
        try store.write { (db: Database) throws in
            _ = try Seeder.load(fixture, into: db, at: Date())
            let c = try IntegrationConnections.get(db, projectId: 108781, 77)
            #expect(!c.requirementIntegration && !c.releaseIntegration && !c.active)
            #expect(try IntegrationMappings.get(db, projectId: 108781, connectionId: 77, .requirement, id: 9).externalFilter == "10048")
            #expect(try IntegrationMappings.list(db, projectId: 108781, connectionId: 77, .release).first?.releaseOptions == ["future"])
            let exported = try IntegrationExporter.connections(db, projectId: 108781)
            #expect(exported.first?.requirementMappings?.first?.id == 9)
        }
        for (bad, message) in [(#""server_url": "j.example.com", "token": "t""#, "server_url"), (#""server_url": "https://j""#, "password")] {
            let text = #"{"projects": [{"name": "P", "integration_connections": [{"connection_name": "J", "username": "u", "#
                + bad + "}]}]}"
            let broken = try SeedFixture.decode(Data(text.utf8))
            let other = try QTestDatabase(clock: FixedClock())
            do {
                try other.write { (db: Database) throws in _ = try Seeder.load(broken, into: db, at: Date()) }
                Issue.record("\(bad) loaded")
            } catch let error as StoreError {
                #expect(error.message.hasPrefix("$.projects[0].integration_connections[0]") && error.message.contains(message), "\(error)")
            }
        }
    }
}
