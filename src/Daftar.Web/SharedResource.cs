namespace Daftar.Web;

/// <summary>
/// Marker for the one shared resource file. English text is the key; Resources/SharedResource.hi.resx holds the Hindi.
/// It sits in the root namespace so that the resource's manifest name is Daftar.Web.Resources.SharedResource.
/// </summary>
public sealed class SharedResource;
