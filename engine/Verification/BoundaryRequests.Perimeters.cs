using System.Collections.Immutable;
using Sec08Policy.Engine.Access;
using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Perimeters;

namespace Sec08Policy.Engine.Verification;

/// <summary>The request classes at the boundary of a data perimeter.</summary>
public sealed partial class BoundaryRequests
{
    private const string OutsideOrganization = "o-outsider0000";
    private const string OutsideAddress = "198.18.0.1";
    private const string OutsideEndpoint = "vpce-0ffffffffffffffff";
    private const string OutsideVpc = "vpc-0ffffffffffffffff";

    /// <summary>
    /// Callers inside and outside the trusted organizations and accounts (with the organization ID present, another, or
    /// absent), the account root, a break-glass principal, a service-linked role and an AWS service principal; requests
    /// from a listed CIDR block, endpoint and VPC, from others and with none; with and without an AWS service acting for
    /// the caller; on resources inside and outside the trusted organizations and accounts. Each dimension is varied
    /// with the others held inside the perimeter, and once with all of them outside; on one action of each service, an
    /// action of a service the perimeter leaves out, and each declared key.
    /// </summary>
    private IEnumerable<AccessRequest> ForPerimeter(Perimeter perimeter)
    {
        var organization = perimeter.Organizations.FirstOrDefault();
        var principals = PerimeterPrincipals(perimeter).ToList();
        List<string?> organizations = [.. perimeter.Organizations.Take(1), OutsideOrganization, null];
        List<string?> addresses = [.. perimeter.Cidrs.Take(1).Select(c => c.Split('/')[0]), OutsideAddress, null];
        List<string?> endpoints = [.. perimeter.VpcEndpoints.Take(1), OutsideEndpoint, null];
        List<string?> vpcs = [.. perimeter.Vpcs.Take(1), OutsideVpc, null];
        List<string?> resourceAccounts = [.. perimeter.ResourceAccounts.Take(1), _account, OtherAccount];
        var targets = PerimeterTargets(perimeter).ToList();
        var assignments = _probes.Assignments(perimeter.Applies).ToList();

        // The inside of each dimension: the first listed value, or absent where the perimeter lists none.
        var inside = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["aws:PrincipalOrgID"] = organization,
            ["aws:SourceIp"] = perimeter.Cidrs.IsEmpty ? null : addresses[0],
            ["aws:SourceVpce"] = perimeter.VpcEndpoints.IsEmpty ? null : endpoints[0],
            ["aws:SourceVpc"] = perimeter.Vpcs.IsEmpty ? null : vpcs[0],
            ["aws:ResourceOrgID"] = organization,
            ["aws:ResourceAccount"] = resourceAccounts[0],
            ["aws:ViaAWSService"] = "false",
        };
        var outside = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["aws:PrincipalOrgID"] = OutsideOrganization,
            ["aws:SourceIp"] = OutsideAddress,
            ["aws:SourceVpce"] = OutsideEndpoint,
            ["aws:SourceVpc"] = OutsideVpc,
            ["aws:ResourceOrgID"] = OutsideOrganization,
            ["aws:ResourceAccount"] = OtherAccount,
            ["aws:ViaAWSService"] = "false",
        };
        var variations = new List<Dictionary<string, string?>> { inside, outside };
        void Vary(string key, IEnumerable<string?> values) =>
            variations.AddRange(values.Select(v => new Dictionary<string, string?>(inside, StringComparer.Ordinal) { [key] = v }));
        Vary("aws:PrincipalOrgID", organizations);
        Vary("aws:SourceIp", addresses);
        Vary("aws:SourceVpce", endpoints);
        Vary("aws:SourceVpc", vpcs);
        Vary("aws:ResourceOrgID", organizations);
        Vary("aws:ResourceAccount", resourceAccounts);
        variations.Add(new Dictionary<string, string?>(outside, StringComparer.Ordinal) { ["aws:ViaAWSService"] = "true" });
        variations.Add(new Dictionary<string, string?>(outside, StringComparer.Ordinal) { ["aws:PrincipalOrgID"] = organization });

        foreach (var (principal, service) in principals)
        {
            foreach (var (action, resource) in targets)
            {
                foreach (var variation in variations)
                {
                    var context = variation.Where(v => v.Value is not null).Select(v => KeyValuePair.Create(v.Key, v.Value!)).ToList();
                    context.Add(KeyValuePair.Create("aws:PrincipalIsAWSService", service ? "true" : "false"));
                    foreach (var assignment in assignments)
                    {
                        yield return Request(principal, action, resource, assignment, context, abac: true, now);
                    }
                }
            }
        }
    }

    /// <summary>
    /// A class of a rule, key or requirement made from inside the perimeters (an organization, endpoint, VPC or address
    /// each lists first), so that the rule decides it rather than a perimeter; the perimeters' own classes vary these.
    /// </summary>
    private AccessRequest WithinPerimeters(AccessRequest request)
    {
        if (policy.Perimeters.IsEmpty)
        {
            return request;
        }

        var context = request.Context.ToDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (var perimeter in policy.Perimeters)
        {
            Add("aws:PrincipalOrgID", perimeter.Organizations);
            Add("aws:ResourceOrgID", perimeter.Organizations);
            Add("aws:SourceVpce", perimeter.VpcEndpoints);
            Add("aws:SourceVpc", perimeter.Vpcs);
            Add("aws:SourceIp", [.. perimeter.Cidrs.Select(c => c.Split('/')[0])]);
        }

        return request with { Context = context };

        void Add(string key, ImmutableArray<string> values)
        {
            if (!values.IsEmpty)
            {
                context.TryAdd(key, values[0]);
            }
        }
    }

    /// <summary>Callers of the policy's account and another, a trusted account, the break-glass principals, a service-linked role, key users and an AWS service.</summary>
    private IEnumerable<(string Principal, bool Service)> PerimeterPrincipals(Perimeter perimeter)
    {
        var arns = new[] { $"arn:aws:iam::{_account}:role/Verifier", $"arn:aws:iam::{_account}:root", $"arn:aws:iam::{OtherAccount}:role/Verifier" }
            .Concat(perimeter.Accounts.Take(1).Select(a => $"arn:aws:iam::{a}:role/Verifier"))
            .Concat(perimeter.ExceptPrincipals.Select(PrincipalInstance))
            .Append($"arn:aws:iam::{_account}:role/aws-service-role/kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceMultiRegionKeys")
            .Concat(policy.Keys.SelectMany(k => k.Users.Take(1).Concat(k.Administrators.Take(1))))
            .Distinct(StringComparer.Ordinal);
        return arns.Select(a => (a, false)).Append(("s3.amazonaws.com", true));
    }

    /// <summary>A principal a pattern matches, in the policy's account where the pattern leaves the account open.</summary>
    private string PrincipalInstance(string pattern)
    {
        var parts = pattern.Split(':', 6);
        if (parts.Length == 6 && parts[4].AsSpan().IndexOfAny('*', '?') >= 0)
        {
            parts[4] = _account;
        }

        return Instance(string.Join(':', parts));
    }

    /// <summary>One action of each service of the perimeter with a resource of it, an action of a service it leaves out, and each declared key.</summary>
    private IEnumerable<(string Action, string Resource)> PerimeterTargets(Perimeter perimeter)
    {
        foreach (var action in perimeter.Services.Select(s => Representative(ResourceControlServices.Actions(s)[0])).Append("sns:Publish"))
        {
            foreach (var resource in Resources(action, []))
            {
                yield return (action, resource);
            }
        }

        if (perimeter.Services.Contains("kms"))
        {
            foreach (var key in policy.Keys.Where(k => k.Alias is not null && k.Account is not null))
            {
                yield return ("kms:Decrypt", $"arn:aws:kms:{Region}:{key.Account}:{key.Alias}");
                yield return ("kms:PutKeyPolicy", $"arn:aws:kms:{Region}:{key.Account}:{key.Alias}");
            }
        }
    }

    /// <summary>An action the pattern names: the first of the service's actions, in order, that it matches.</summary>
    private static string Representative(string pattern) =>
        !pattern.Contains('*', StringComparison.Ordinal)
            ? pattern
            : IamActionCatalog.Default.FindService(pattern[..pattern.IndexOf(':', StringComparison.Ordinal)])?.Actions
                .Select(a => a.FullName).Where(a => WildcardPattern.IsMatch(pattern, a, ignoreCase: true))
                .Order(StringComparer.Ordinal).FirstOrDefault() ?? pattern.Replace("*", "Verify", StringComparison.Ordinal);
}
