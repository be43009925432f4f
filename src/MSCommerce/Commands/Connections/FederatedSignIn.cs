using System;
using MSCommerce.Client.Auth;

namespace MSCommerce.Commands
{
    /// <summary>Connect-MSCommerce's federated token sources from the environment: named (-FederatedTokenSource) or detected.</summary>
    internal static class FederatedSignIn
    {
        public const string GitHubActions = "GitHubActions";
        public const string AzurePipelines = "AzurePipelines";
        public const string File = "File";

        /// <summary>The named source, or a SignInException naming the variables it needs.</summary>
        public static FederatedTokenSource FromEnvironment(string source) =>
            FederatedTokenSource.FromEnvironment(Environment.GetEnvironmentVariable, source, out var missing)
            ?? throw new SignInException($"-FederatedTokenSource {source} needs the environment variables {missing}, and they are not set.", null);

        /// <summary>The CI job's source (GitHub Actions, Azure Pipelines, then a token file) when the app and tenant are named; null otherwise.</summary>
        public static FederatedTokenSource? Detected(bool appNamed) =>
            appNamed ? FederatedTokenSource.FromEnvironment(Environment.GetEnvironmentVariable, null, out _) : null;
    }
}
