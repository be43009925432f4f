using System.Management.Automation;

namespace MSCommerce.HelpBuilder;

/// <summary>What a cmdlet's help must have: synopsis, description, two examples, every parameter, inputs and outputs.</summary>
public static class HelpCompleteness
{
    public const int MinimumExamples = 2;

    public static IEnumerable<string> Problems(CmdletInfo cmdlet, HelpDocument help)
    {
        if (string.IsNullOrWhiteSpace(help.Synopsis)) yield return $"{cmdlet.Name} has no synopsis.";
        if (string.IsNullOrWhiteSpace(help.Description)) yield return $"{cmdlet.Name} has no description.";
        if (help.Examples.Count < MinimumExamples) yield return $"{cmdlet.Name} has {help.Examples.Count} examples; it needs at least {MinimumExamples}.";
        if (help.Examples.Any(example => string.IsNullOrWhiteSpace(example.Code))) yield return $"{cmdlet.Name} has an example without code.";
        if (help.Inputs.Count == 0) yield return $"{cmdlet.Name} says nothing of its inputs.";
        if (help.Outputs.Count == 0) yield return $"{cmdlet.Name} says nothing of its outputs.";
        foreach (var parameter in MamlWriter.DocumentableParameters(cmdlet))
        {
            if (!help.Parameters.ContainsKey(parameter.Name) && parameter.Name is not ("WhatIf" or "Confirm"))
            {
                yield return $"{cmdlet.Name} -{parameter.Name} has no help.";
            }
        }

        foreach (var documented in help.Parameters.Keys.Where(name => !cmdlet.Parameters.ContainsKey(name)))
        {
            yield return $"{cmdlet.Name} documents -{documented}, which it does not have.";
        }
    }
}
