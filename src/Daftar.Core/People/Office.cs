namespace Daftar.People;

[Daftar.Audit.Audited]
public class Office
{
    private Office() { }

    public Office(string code, string nameEn, string nameHi, OfficeType type, Department department, Office? parent)
    {
        Code = code;
        NameEn = nameEn;
        NameHi = nameHi;
        Type = type;
        Department = department;
        Parent = parent;
        Depth = parent is null ? 0 : parent.Depth + 1;
        RefreshSearchKey();
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string NameHi { get; private set; } = "";
    public OfficeType Type { get; private set; }
    public int DepartmentId { get; private set; }
    public Department Department { get; private set; } = null!;
    public int? ParentId { get; private set; }
    public Office? Parent { get; private set; }
    /// <summary>Distance from the top of the tree; kept so that a subtree can be listed without recursion.</summary>
    public int Depth { get; private set; }
    public string SearchKey { get; private set; } = "";
    private readonly List<Office> _children = [];
    public IReadOnlyList<Office> Children => _children;
    private readonly List<Section> _sections = [];
    public IReadOnlyList<Section> Sections => _sections;

    public void Update(string nameEn, string nameHi, OfficeType type)
    {
        NameEn = nameEn;
        NameHi = nameHi;
        Type = type;
        RefreshSearchKey();
    }

    private void RefreshSearchKey() => SearchKey = Text.SearchKey(Code, NameEn, NameHi);
}
