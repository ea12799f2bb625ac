namespace Daftar.People;

/// <summary>
/// A post is where work lands: files are sent to posts, not to people, so that work stays put
/// when the officer holding the post is transferred (DESIGN 2.1).
/// </summary>
[Daftar.Audit.Audited]
public class Post
{
    private Post() { }

    public Post(string code, Designation designation, Office office, Section? section, Post? reportsTo)
    {
        Code = code;
        Designation = designation;
        Office = office;
        Section = section;
        ReportsTo = reportsTo;
        Level = designation.Level;
        IsActive = true;
        RefreshSearchKey();
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public int DesignationId { get; private set; }
    public Designation Designation { get; private set; } = null!;
    public int OfficeId { get; private set; }
    public Office Office { get; private set; } = null!;
    public int? SectionId { get; private set; }
    public Section? Section { get; private set; }
    public int? ReportsToId { get; private set; }
    public Post? ReportsTo { get; private set; }
    /// <summary>Seniority of the post; starts as its designation's level.</summary>
    public int Level { get; private set; }
    public bool IsActive { get; private set; }
    public string SearchKey { get; private set; } = "";
    private readonly List<PostAssignment> _assignments = [];
    public IReadOnlyList<PostAssignment> Assignments => _assignments;

    public string TitleEn => $"{Designation.NameEn}, {Office.NameEn}";
    public string TitleHi => $"{Designation.NameHi}, {Office.NameHi}";

    /// <summary>Changes where the post sits; refuses a reporting line that would loop back to itself.</summary>
    public PeopleError? Move(Designation designation, Office office, Section? section, Post? reportsTo, int level)
    {
        if (section is not null && section.OfficeId != office.Id && section.Office != office)
            return PeopleError.SectionNotInOffice;
        for (var p = reportsTo; p is not null; p = p.ReportsTo)
        {
            if (p == this || (p.Id != 0 && p.Id == Id)) return PeopleError.ReportingLoop;
        }
        Designation = designation;
        Office = office;
        Section = section;
        ReportsTo = reportsTo;
        Level = level;
        RefreshSearchKey();
        return null;
    }

    public void Deactivate() => IsActive = false;

    public void RefreshSearchKey() =>
        SearchKey = Text.SearchKey(Code, Designation?.NameEn, Designation?.NameHi, Office?.NameEn, Office?.NameHi, Section?.Code);
}
