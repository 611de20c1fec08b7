namespace Sec08Policy.Engine.Inputs;

public enum InputKind
{
    CloudFormation,
    TerraformPlan,
    ConfigSnapshot,
    ConfigItems,
    Inventory,
}
