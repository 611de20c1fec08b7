using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Symbols;
using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Compiler.Binding;

internal sealed partial class Binder
{
    private WaiverSymbol? BindWaiver(MemberSet members)
    {
        var declared = Declare(_waiverNames, "waiver", members);
        RequireMember(members, MemberKind.Resources);
        RequireMember(members, MemberKind.Requirement);
        RequireMember(members, MemberKind.Reason);
        RequireMember(members, MemberKind.Expires);

        RequirementSymbol? requirement = null;
        if (members.Names(MemberKind.Requirement) is [var name])
        {
            if (!_requirements.TryGetValue(name.Text, out requirement))
            {
                ReportUnknown(Descriptors.UnknownRequirement, At(members, name), name.Text, _requirements.Keys);
            }
        }

        // Waivers also name template resources, which have no ARN before deployment: logical IDs and addresses.
        var resources = BindResources(members, r => AwsNames.IsResourcePattern(r) || AwsNames.IsResourceName(r), "resource ARN pattern, logical ID or address");

        var expires = BindDate(members, MemberKind.Expires) is { } instant ? DateOnly.FromDateTime(instant.UtcDateTime) : (DateOnly?)null;
        var expired = expires is { } date && date < _options.Today;
        if (expired)
        {
            _diagnostics.ReportWithHelp(
                Descriptors.ExpiredWaiver,
                At(members, members.Get<DateMemberSyntax>(MemberKind.Expires)!.Value),
                "fix the resources or renew the waiver with a new expiry",
                members.Block.NameText,
                expires!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        return declared
            ? new WaiverSymbol(members.Block.NameText, resources, requirement, members.String(MemberKind.Reason), members.String(MemberKind.Owner), expires, expired, members.NameLocation)
            : null;
    }
}
