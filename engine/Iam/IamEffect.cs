namespace Sec08Policy.Engine.Iam;

public enum IamEffect
{
    Allow,
    Deny,
}
