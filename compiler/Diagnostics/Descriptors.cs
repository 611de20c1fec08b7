namespace Sec08Policy.Compiler.Diagnostics;

/// <summary>
/// The catalogue of every diagnostic the compiler reports. IDs are stable: never renumber one, and retire an ID by
/// commenting it out here and marking it retired in docs/diagnostics.md. Messages start lowercase, have no trailing
/// period and put user input in backticks.
/// </summary>
public static class Descriptors
{
    // SP1xxx: reading and parsing
    public static readonly DiagnosticDescriptor UnexpectedToken = Error("SP1001", "Syntax error", "{0}", DiagnosticCategory.Syntax);
    public static readonly DiagnosticDescriptor UnterminatedString = Error("SP1002", "Unterminated string", "string is not closed before the end of the line", DiagnosticCategory.Syntax);
    public static readonly DiagnosticDescriptor UnterminatedComment = Error("SP1003", "Unterminated comment", "block comment is not closed before the end of the file", DiagnosticCategory.Syntax);
    public static readonly DiagnosticDescriptor InvalidEncoding = Error("SP1004", "Invalid UTF-8", "file is not valid UTF-8: invalid byte 0x{0:X2}", DiagnosticCategory.Syntax);
    public static readonly DiagnosticDescriptor EmptyFile = Warning("SP1005", "Empty policy file", "file contains no declarations", DiagnosticCategory.Syntax);
    public static readonly DiagnosticDescriptor UnclosedBlock = Error("SP1006", "Unclosed block", "`{{` of `{0}` is never closed", DiagnosticCategory.Syntax);
    public static readonly DiagnosticDescriptor UnknownDeclaration = Error("SP1007", "Unknown declaration", "unknown declaration `{0}`; expected policy, import, classification, key, require, allow, deny or waive", DiagnosticCategory.Syntax);
    public static readonly DiagnosticDescriptor UnknownMember = Error("SP1008", "Unknown member", "`{0}` is not a member of {1}; expected {2}", DiagnosticCategory.Syntax);
    public static readonly DiagnosticDescriptor NestingTooDeep = Error("SP1009", "Condition too deep or too long", "{0}", DiagnosticCategory.Syntax);
    public static readonly DiagnosticDescriptor RetentionNeedsBound = Error("SP1020", "Retention needs a bound", "{0}", DiagnosticCategory.Syntax);
    public static readonly DiagnosticDescriptor RetentionNeedsDays = Error("SP1021", "Retention needs a number of days", "{0}", DiagnosticCategory.Syntax);
    // Retired before release (a stray character is SP1001): SP1011 Invalid character.
    public static readonly DiagnosticDescriptor UnreadableFile = Error("SP1010", "Unreadable file", "cannot read `{0}`: {1}", DiagnosticCategory.Syntax);

    // SP2xxx: names, types and values
    public static readonly DiagnosticDescriptor DuplicateName = Error("SP2001", "Duplicate name", "{0} `{1}` is already declared", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor UnknownKey = Error("SP2002", "Unknown key", "unknown key `{0}`", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor UnknownLevel = Error("SP2003", "Unknown classification level", "unknown classification level `{0}`", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor UnknownRequirement = Error("SP2004", "Unknown requirement", "waiver names no requirement `{0}`", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor OrderingOnNonLevel = Error("SP2005", "Ordering on a value that is not a level", "`{0}` orders values, but neither side is a classification level", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor RotationOutOfRange = Error("SP2006", "Rotation period out of range", "rotation period of {0} days is outside the 90-2560 days AWS KMS allows", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor DeletionWindowOutOfRange = Error("SP2007", "Deletion window out of range", "deletion window of {0} days is outside the 7-30 days AWS KMS allows", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor KeyDoesNotProtectLevel = Error("SP2008", "Key does not protect level", "key `{0}` does not protect level `{1}`", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor ResourceTagInKeyPolicy = Error("SP2009", "Resource tag in key policy", "rule `{0}` is granted in a key policy, but `{1}` needs `aws:ResourceTag`, which key policies reject", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor UnknownServicePrefix = Warning("SP2010", "Unknown service prefix", "unknown service prefix `{0}` in action `{1}`", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor UnknownAction = Warning("SP2011", "Unknown action", "`{0}` matches no action of service `{1}`", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor ExpiredWaiver = Warning("SP2012", "Expired waiver", "waiver `{0}` expired on {1} and no longer applies", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor ImportCycle = Error("SP2013", "Import cycle", "import cycle: {0}", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor MissingImport = Error("SP2014", "Missing import", "imported file `{0}` does not exist", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor DuplicateLevel = Error("SP2015", "Duplicate level", "level `{0}` appears more than once", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor NoClassificationScheme = Error("SP2016", "No classification scheme", "`{0}` refers to classification levels, but no classification scheme is declared", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor UnknownService = Error("SP2017", "Unknown service", "unknown service `{0}`", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor DuplicateMember = Error("SP2018", "Duplicate member", "`{0}` is given more than once in {1}", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor MissingMember = Error("SP2019", "Missing member", "{0} `{1}` needs `{2}`", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor InvalidDate = Error("SP2020", "Invalid date", "`{0}` is not a valid date", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor LevelComparedWithNonLevel = Error("SP2021", "Level compared with a non-level", "`{0}` is not a classification level, so it cannot be compared with `{1}`", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor TemporaryAccessWithoutJustification = Error("SP2022", "Temporary access without justification", "rule `{0}` is time-bounded with `until` but gives no `justification`", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor InvalidAlias = Error("SP2023", "Invalid key alias", "alias `{0}` is invalid: {1}", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor InvalidArn = Error("SP2024", "Invalid ARN", "`{0}` is not a valid {1}", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor UnknownControl = Error("SP2025", "Unknown SEC08 control", "unknown control `{0}`; expected SEC08-BP01, SEC08-BP02, SEC08-BP03 or SEC08-BP04", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor UnknownComplianceFramework = Error("SP2026", "Unknown compliance framework", "unknown compliance framework `{0}`; expected hipaa, pci_dss, gdpr, sox, nist_800_53 or cis_aws", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor UnknownSeverity = Error("SP2027", "Unknown severity", "unknown severity `{0}`; expected critical, high, medium, low or info", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor UnknownEnforcement = Error("SP2028", "Unknown enforcement", "unknown enforcement `{0}`; expected preventive or detective", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor DuplicateClassificationScheme = Error("SP2029", "Second classification scheme", "classification scheme `{0}` is already declared; a policy set has one scheme", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor ExpiredAccessRule = Warning("SP2030", "Expired access rule", "rule `{0}` expired on {1} and grants nothing", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor AssertionNotApplicable = Error("SP2031", "Assertion does not fit the services", "`{0}` does not apply to {1}", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor InvalidRegion = Error("SP2032", "Invalid region", "`{0}` is not a valid AWS Region name", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor InvalidTagKey = Error("SP2033", "Invalid tag key", "tag key `{0}` is invalid: {1}", DiagnosticCategory.Binding);
    // Retired before release (SP2019 covers a missing member): SP2034 Waiver without resources, SP2036 Rule without actions.
    public static readonly DiagnosticDescriptor InvalidAction = Error("SP2035", "Invalid action", "`{0}` is not an IAM action; expected `service:Action`", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor KeyOwnerAmbiguous = Error("SP2050", "Key owner ambiguous", "key `{0}` names principals of accounts {1}, and the policy header names no `account` to own it", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor ContextNeedsSymmetricKey = Error("SP2051", "Encryption context needs a symmetric key", "key `{0}` requires an `encryption context`, which KMS takes only on the operations of SYMMETRIC_DEFAULT keys, not {1}: no use of it could carry one", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor InvalidControlIdentifier = Error("SP2075", "Invalid control identifier", "`{0}` is not a {1} control identifier; expected {2}", DiagnosticCategory.Binding);

    // SP2060-SP2064: files and imports.
    public static readonly DiagnosticDescriptor ImportOfFolder = Error("SP2060", "Import of a folder", "`{0}` is a folder; `import` names one policy file", DiagnosticCategory.Binding);

    // SP2085-SP2091: key specs, origins and replicas; copies; retention.
    public static readonly DiagnosticDescriptor UnknownKeySpec = Error("SP2085", "Unknown key spec", "`{0}` is not a KMS key spec", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor UnknownKeyOrigin = Error("SP2086", "Unknown key origin", "`{0}` is not a key origin; expected aws_kms, external, aws_cloudhsm or external_key_store", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor OriginNeedsSymmetricKey = Error("SP2087", "Origin needs a symmetric key", "key `{0}` has origin `{1}`, which KMS offers only for SYMMETRIC_DEFAULT keys, not {2}", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor KeyCannotRotate = Error("SP2088", "Key cannot rotate", "key `{0}` cannot rotate automatically: {1}", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor RetentionOutOfRange = Error("SP2090", "Retention period out of range", "a retention period of `{0}` days is not a whole number from 1 to {1}", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor RetentionBoundsConflict = Error("SP2091", "Retention bounds conflict", "`retention at least {0} days` and `retention at most {1} days` apply to the same data in requirement `{2}`, and no period satisfies both", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor ReplicasOfSingleRegionKey = Error("SP2089", "Replicas of a single-Region key", "key `{0}` lists replica Regions but is not `multi_region true`", DiagnosticCategory.Binding);

    // SP2065-SP2074: the resource catalogue.
    public static readonly DiagnosticDescriptor ServiceMissingFromInputs = Warning("SP2065", "Service not shown by an input form", "`{0}` has no resource type that {1} can show, so requirements on it are not checked there", DiagnosticCategory.Binding);

    // SP2092-SP2099: request and principal attributes; data perimeters.
    public static readonly DiagnosticDescriptor UnknownContextAttribute = Error("SP2092", "Unknown attribute", "`{0}` is not an attribute of the {1}", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor MalformedContextValue = Error("SP2093", "Malformed value", "`{0}` is not {1}", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor PerimeterConditionNotExpressible = Error("SP2095", "Condition the document cannot express", "`{0}` in perimeter `{1}` cannot be written to {2}: {3}", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor PerimeterServiceNotResourceControlled = Error("SP2096", "Service resource control policies do not restrict", "perimeter `{0}` lists `{1}`, which a resource control policy cannot restrict: {2}", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor PerimeterWithoutBoundary = Error("SP2097", "Perimeter without a boundary", "perimeter `{0}` names no organization, account, resource account or network, so it denies nothing", DiagnosticCategory.Binding);
    public static readonly DiagnosticDescriptor ContextComparisonMismatch = Error("SP2094", "Attribute compared the wrong way", "`{0}` {1}", DiagnosticCategory.Binding);

    // SP3xxx: emitting documents and AWS limits
    public static readonly DiagnosticDescriptor OriginNotDeployable = Error("SP3040", "Origin the deploy outputs cannot create", "key `{0}` has origin `{1}`, which the deploy outputs cannot create: {2}", DiagnosticCategory.Emit);
    public static readonly DiagnosticDescriptor CannotExpressInIam = Error("SP3001", "Condition IAM cannot express", "rule `{0}` cannot become an IAM policy: {1}", DiagnosticCategory.Emit);
    public static readonly DiagnosticDescriptor ManagedPolicyTooLarge = Error("SP3002", "Managed policy too large", "the IAM policy of rule `{0}` has {1} non-white-space characters; a managed policy holds at most 6,144", DiagnosticCategory.Emit);
    public static readonly DiagnosticDescriptor KeyPolicyTooLarge = Error("SP3003", "Key policy too large", "the key policy of key `{0}` has {1} bytes; a key policy holds at most 32,768", DiagnosticCategory.Emit);
    public static readonly DiagnosticDescriptor ScpStatementTooLarge = Error("SP3004", "SCP statement too large", "statement `{0}` needs {1} characters in a policy, more than the {2} one SCP may hold", DiagnosticCategory.Emit);
    public static readonly DiagnosticDescriptor ScpsDoNotFit = Error("SP3005", "SCPs do not fit", "the SCP statements need {0} characters in {1}, but at most {2} of {3} characters each are allowed", DiagnosticCategory.Emit);
    public static readonly DiagnosticDescriptor DetectiveOnly = Info("SP3006", "Enforced by detection only", "`{0}` is not prevented for `{1}`: {2}", DiagnosticCategory.Emit);
    public static readonly DiagnosticDescriptor KeyAccountUnknown = Error("SP3007", "Key account unknown", "cannot tell which account owns key `{0}`", DiagnosticCategory.Emit);
    public static readonly DiagnosticDescriptor ConditionNeverHolds = Warning("SP3008", "Condition never holds", "the condition of rule `{0}` can never hold, so it grants or denies nothing", DiagnosticCategory.Emit);

    // SP3050-SP3059: resource control policies
    public static readonly DiagnosticDescriptor RcpStatementTooLarge = Error("SP3050", "RCP statement too large", "statement `{0}` needs {1} characters in a policy, more than the {2} one RCP may hold", DiagnosticCategory.Emit);
    public static readonly DiagnosticDescriptor RcpsDoNotFit = Error("SP3051", "RCPs do not fit", "the RCP statements need {0} characters in {1}, but at most {2} of {3} characters each are allowed", DiagnosticCategory.Emit);

    // SP3030-SP3039: AWS Config rules and the conformance pack
    public static readonly DiagnosticDescriptor DecidedByEvalOnly = Info("SP3030", "Decided in part by one configuration item", "`{0}` is decided from one configuration item only in part for {1}: {2}; `sec08 eval` decides the rest", DiagnosticCategory.Emit);
    public static readonly DiagnosticDescriptor NotEvaluableByConfig = Warning("SP3031", "Not evaluable by AWS Config", "`{0}` cannot be evaluated by AWS Config for `{1}`: {2}; it is left out of the conformance pack", DiagnosticCategory.Emit);
    public static readonly DiagnosticDescriptor GuardPolicyTooLong = Error("SP3032", "Guard policy too long", "the Guard policy of Config rule `{0}` has {1} characters; AWS Config allows at most 10,000", DiagnosticCategory.Emit);
    public static readonly DiagnosticDescriptor ConfigRuleNameInvalid = Error("SP3033", "Config rule name not allowed", "the Config rule name `{0}` {1}; an organization conformance pack allows at most 64 characters of letters, digits, `-` and `_`", DiagnosticCategory.Emit);
    public static readonly DiagnosticDescriptor ConformancePackTooLarge = Error("SP3034", "Conformance pack too large", "the conformance pack template has {0} bytes; AWS Config accepts at most 307,200 (300 KB) from S3", DiagnosticCategory.Emit);
    public static readonly DiagnosticDescriptor ConformancePackTooManyRules = Error("SP3035", "Too many rules in a conformance pack", "the conformance pack has {0} Config rules; a conformance pack holds at most 130", DiagnosticCategory.Emit);
    public static readonly DiagnosticDescriptor ConformancePackFromS3 = Info("SP3036", "Conformance pack deployed from S3", "the conformance pack template has {0} bytes, more than the 51,200 a template body holds: deploy it from S3 (`--template-s3-uri`)", DiagnosticCategory.Emit);
    public static readonly DiagnosticDescriptor AlertsWithoutKey = Info("SP3037", "Compliance alerts need a key", "no alerts on non-compliant Config evaluations: the policy declares no key to encrypt their SNS topic with", DiagnosticCategory.Emit);

    // SP4xxx: lint
    public static readonly DiagnosticDescriptor AllowOnAllResources = Warning("SP4001", "Allow on every resource", "rule `{0}` allows {1} on every resource without a condition", DiagnosticCategory.Lint);
    public static readonly DiagnosticDescriptor KeyWithoutRotation = Warning("SP4002", "Key without rotation", "key `{0}` has no `rotation`; SEC08-BP01 expects automatic rotation", DiagnosticCategory.Lint);
    public static readonly DiagnosticDescriptor UnusedKey = Info("SP4003", "Unused key", "key `{0}` protects no level and is named by no requirement or rule", DiagnosticCategory.Lint);
    public static readonly DiagnosticDescriptor S3TagsNeedBucketAbac = Warning("SP4010", "S3 tags need bucket ABAC", "rule `{0}` reads resource tags for {1}, which AWS shows to S3 requests only on buckets with ABAC enabled; on other buckets they count as missing, so {2}", DiagnosticCategory.Lint);
    public static readonly DiagnosticDescriptor RequestTagsNotOnEveryResource = Warning("SP4011", "Request tags missing on some resources", "rule `{0}` reads request tags for {1}, whose requests AWS authorizes on other resources too ({2}) without the request's tags; there they count as missing, so {3}", DiagnosticCategory.Lint);

    // SP4035-SP4039: data perimeters
    public static readonly DiagnosticDescriptor PerimeterDeniesOwnOrganization = Warning("SP4035", "Perimeter denies the organization's own principals", "statement `{0}` of perimeter `{1}` denies the principals of the organization's own accounts, the management account's among them, unless `accounts` lists each: the perimeter trusts no organization", DiagnosticCategory.Lint);
    public static readonly DiagnosticDescriptor PerimeterDeniesServiceLinkedRoles = Warning("SP4036", "Perimeter denies service-linked roles", "statement `{0}` of perimeter `{1}` in the key policies denies the service-linked roles of account {2}, which call KMS from AWS networks: no `except principals` pattern matches `arn:aws:iam::{2}:role/aws-service-role/...`", DiagnosticCategory.Lint);

    // SP9xxx: internal
    public static readonly DiagnosticDescriptor InternalError = Error("SP9001", "Internal error", "internal compiler error: {0}", DiagnosticCategory.Internal);

    /// <summary>Every descriptor in the catalogue, ordered by ID.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        [.. typeof(Descriptors).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, StringComparer.Ordinal)];

    private static DiagnosticDescriptor Error(string id, string title, string format, DiagnosticCategory category) =>
        new(id, title, format, DiagnosticSeverity.Error, category);

    private static DiagnosticDescriptor Warning(string id, string title, string format, DiagnosticCategory category) =>
        new(id, title, format, DiagnosticSeverity.Warning, category);

    private static DiagnosticDescriptor Info(string id, string title, string format, DiagnosticCategory category) =>
        new(id, title, format, DiagnosticSeverity.Info, category);
}
