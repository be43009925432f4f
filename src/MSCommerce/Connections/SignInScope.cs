namespace MSCommerce.Connections
{
    /// <summary>
    /// -ContextScope of Connect-MSCommerce, as Microsoft.Graph's: how long a person's sign-in is
    /// remembered. The cmdlets' own type, so that PowerShell can read the parameter before the client loads.
    /// </summary>
    public enum ContextScope
    {
        /// <summary>In this PowerShell process only.</summary>
        Process,

        /// <summary>For the user of this machine: a new PowerShell signs in silently until Disconnect-MSCommerce.</summary>
        CurrentUser,
    }
}
