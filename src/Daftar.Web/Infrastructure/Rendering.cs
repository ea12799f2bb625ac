using Daftar.Signing;

namespace Daftar.Web.Infrastructure;

/// <summary>What every area that prints a PDF says when the server has no Chromium to print with.</summary>
public static class Rendering
{
    public static readonly Error Missing = new("renderer_unavailable", "Letters cannot be rendered yet: Chromium is not installed on the server. " + PdfRenderer.InstallHint, ErrorKind.Conflict);
}
