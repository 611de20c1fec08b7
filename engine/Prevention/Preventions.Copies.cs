using Sec08Policy.Engine.Catalog.Resources;

namespace Sec08Policy.Engine.Prevention;

/// <summary>The creation-time controls on copies: the catalogue's create actions marked <c>copy</c>.</summary>
public static partial class Preventions
{
    /// <summary>
    /// Copy actions with a Boolean encryption condition key are denied when it is false; the others, and any demand for
    /// a named key (no copy action carries the copy's key as a condition key), are detective only.
    /// </summary>
    private static Prevention Copies(ServiceEntry service, bool named)
    {
        if (service.AlwaysEncrypted is { } always && !named)
        {
            return Prevention.Detective(always);
        }

        var copies = service.Create.Where(a => a.Copy).ToList();
        if (copies.Count == 0)
        {
            return Prevention.Detective("its copies are made by the service (replication, backup copy jobs, lifecycle policies), and no condition key of the requests that set them up says how the copies are encrypted");
        }

        if (named)
        {
            return Prevention.Detective($"{Named(copies.Select(a => a.Action))} {Have(copies)} no condition key for the KMS key of the copy, so the key of what {Them(copies)} create{(copies.Count == 1 ? "s" : string.Empty)} is checked by detection");
        }

        var patterns = Patterns(copies.Where(a => a.Encrypted is not null), a => ("UnencryptedCopy", a.Encrypted!, a.EncryptedResource), key => RequestTest.Bool(key, false)).ToList();
        var open = copies.Where(a => a.Encrypted is null && !a.AlwaysEncrypts).Select(a => a.Action).ToList();
        var gap = open.Count == 0 ? null : $"{Named(open)} {Have(open)} no creation-time encryption condition key an SCP can rely on, so what {Them(open)} create{(open.Count == 1 ? "s" : string.Empty)} is checked by detection";
        return patterns.Count == 0 ? Prevention.Detective(gap!) : new Prevention(Distinguished(patterns), null) { Gap = gap };
    }

    private static string Have(List<CreateAction> actions) => actions.Count == 1 ? "has" : "have";

    private static string Them(List<CreateAction> actions) => actions.Count == 1 ? "it" : "they";
}
