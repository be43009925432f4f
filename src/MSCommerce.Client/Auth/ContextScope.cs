namespace MSCommerce.Client.Auth
{
    /// <summary>How long a person's sign-in is remembered, as Microsoft.Graph's -ContextScope.</summary>
    public enum ContextScope
    {
        /// <summary>In this process only: a new PowerShell signs in again.</summary>
        Process,

        /// <summary>For the user of this machine: MSAL's token cache persisted (DPAPI, Keychain, libsecret, or an owner-only file), so a new PowerShell signs in silently.</summary>
        CurrentUser,
    }
}
