namespace MSCommerce.Commands
{
    /// <summary>Where Get-Help -Online opens: each cmdlet's page in the repository's docs/help, the source of its built help.</summary>
    internal static class HelpLinks
    {
        /// <summary>The repository (RepositoryUrl in Directory.Build.props) and the folder of the help pages; a test checks they agree.</summary>
        public const string Base = "https://github.com/mscommerce-dotnet/MSCommerce/blob/main/docs/help/";
    }
}
