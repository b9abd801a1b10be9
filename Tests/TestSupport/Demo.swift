/// Ids and credentials of the demo seed (`SeedSource.demo`).
public enum Demo {
    public static let projectID: Int64 = 108781
    public static let adminUser = "api-test@qasymphony.com"
    public static let adminPassword = "admin123"
    public static let adminToken = "9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8"
    public static let adminID: Int64 = 10001
    /// A member of 108781 only, not a site admin.
    public static let testerUser = "tester@example.com"
    public static let testerPassword = "tester123"
    public static let testerToken = "3f2c5e1a-7b8d-4c9e-a0f1-2b3c4d5e6f70"
    public static let testerID: Int64 = 10002
    /// Only the site admin is assigned to this project.
    public static let secondProjectID: Int64 = 108782
}
