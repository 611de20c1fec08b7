using Sec08Policy.Engine.Model;

namespace Sec08Policy.Tests.Engine;

public class ComplianceFrameworkTests
{
    [TestCase("hipaa", "164.312(a)(2)(iv)", true)]
    [TestCase("hipaa", "164.308(a)(1)(ii)(B)", true)]
    [TestCase("hipaa", "164.312", true)]
    [TestCase("hipaa", "312(a)(2)(iv)", false)]
    [TestCase("hipaa", "164.312 (a)", false)]
    [TestCase("pci_dss", "3.5.1", true)]
    [TestCase("pci_dss", "3.5.1.2", true)]
    [TestCase("pci_dss", "A3.2.1", true)]
    [TestCase("pci_dss", "13.1", false)]
    [TestCase("pci_dss", "3", false)]
    [TestCase("pci_dss", "Req 3.5.1", false)]
    [TestCase("gdpr", "Art. 32", true)]
    [TestCase("gdpr", "Art. 32(1)(a)", true)]
    [TestCase("gdpr", "Recital 83", true)]
    [TestCase("gdpr", "Article 32", false)]
    [TestCase("gdpr", "Art. 100", false)]
    [TestCase("gdpr", "Recital 174", false)]
    [TestCase("nist_800_53", "SC-28", true)]
    [TestCase("nist_800_53", "SC-28(1)", true)]
    [TestCase("nist_800_53", "AC-3", true)]
    [TestCase("nist_800_53", "SC28", false)]
    [TestCase("nist_800_53", "XX-1", false)]
    [TestCase("nist_800_53", "sc-28", false)]
    [TestCase("cis_aws", "2.2.1", true)]
    [TestCase("cis_aws", "3.6", true)]
    [TestCase("cis_aws", "3", false)]
    [TestCase("cis_aws", "CIS 3.6", false)]
    [TestCase("sox", "ITGC-AC-03", true)]
    [TestCase("sox", "404", true)]
    [TestCase("sox", " ITGC", false)]
    [TestCase("sox", "", false)]
    public void Accepts_TheFrameworksOwnIdentifierShape(string framework, string control, bool accepted)
    {
        Assert.That(ComplianceFrameworks.Find(framework)!.Accepts(control), Is.EqualTo(accepted));
    }
}
