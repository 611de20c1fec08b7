namespace Sec08Policy.Engine.Catalog.Resources;

/// <summary>The kinds of input a resource can be described in.</summary>
public enum InputForm
{
    CloudFormation,
    Terraform,
    Config,
    Inventory,
}
