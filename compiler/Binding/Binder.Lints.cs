using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Binding;

internal sealed partial class Binder
{
    private void ReportLints(BoundPolicySet policySet)
    {
        foreach (var rule in policySet.AccessRules)
        {
            var everywhere = rule.Keys.IsEmpty && (rule.Resources.IsEmpty || rule.Resources.Contains("*"));
            if (rule.Effect == AccessEffect.Allow && everywhere && rule.When is null && rule.Unless is null && !rule.Actions.IsEmpty)
            {
                _diagnostics.ReportWithHelp(
                    Descriptors.AllowOnAllResources,
                    rule.Location,
                    "scope it with `resources` or a `when` condition",
                    rule.Name,
                    string.Join(", ", rule.Actions.Select(a => $"`{a}`")));
            }
        }

        foreach (var key in policySet.Keys)
        {
            var named = policySet.Requirements.Any(r => r.Clauses.Any(c => c.Assertion.Key == key))
                || policySet.AccessRules.Any(r => r.Keys.Contains(key));
            if (key.Protects.IsEmpty && !named)
            {
                _diagnostics.Report(Descriptors.UnusedKey, key.Location, key.Name);
            }
        }
    }
}
