namespace Sec08Policy.Engine.Catalog;

/// <summary>Where the catalogue places a condition key relative to one action (see <see cref="IamActionCatalog.FindConditionKey"/>).</summary>
public enum IamConditionKeyScope
{
    /// <summary>Neither a global key nor one the action's service defines.</summary>
    Unknown,

    /// <summary>A global key (<c>aws:...</c>), present in requests of every service where it applies.</summary>
    Global,

    /// <summary>A key the action's own entry lists.</summary>
    Action,

    /// <summary>A key one of the action's resource types lists.</summary>
    ResourceType,

    /// <summary>A key of the action's service that this action does not carry.</summary>
    Service,
}
