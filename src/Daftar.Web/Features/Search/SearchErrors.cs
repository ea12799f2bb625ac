using Daftar.Web.Infrastructure;

namespace Daftar.Web.Features.Search;

/// <summary>What the Search area answers when it refuses a request: every code and message in one place (ADR 0025).</summary>
public static class SearchErrors
{
    public static readonly Error DatesReversed = new("dates_reversed", "The start date is after the end date.", ErrorKind.Invalid, "from");
}
