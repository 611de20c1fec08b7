using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Inventory;

/// <summary>The native inventory format (<c>sec08-inventory/1</c>), documented by docs/inventory.schema.json.</summary>
public static class InventoryFormat
{
    public const string Name = "sec08-inventory/1";

    public static string ManagerName(KeyManager manager) => manager switch
    {
        KeyManager.Customer => "CUSTOMER",
        KeyManager.AwsManaged => "AWS_MANAGED",
        KeyManager.AwsOwned => "AWS_OWNED",
        _ => throw new ArgumentOutOfRangeException(nameof(manager), manager, "unexpected key manager"),
    };

    public static KeyManager? ParseManager(string? name) => name switch
    {
        "CUSTOMER" => KeyManager.Customer,
        "AWS_MANAGED" => KeyManager.AwsManaged,
        "AWS_OWNED" => KeyManager.AwsOwned,
        _ => null,
    };
}
