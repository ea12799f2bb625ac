namespace Daftar.People;

[Daftar.Audit.Audited]
public class Section
{
    private Section() { }

    public Section(Office office, string code, string nameEn, string nameHi)
    {
        Office = office;
        Code = code;
        NameEn = nameEn;
        NameHi = nameHi;
    }

    public int Id { get; private set; }
    public int OfficeId { get; private set; }
    public Office Office { get; private set; } = null!;
    /// <summary>Short code used in diary and file numbers, e.g. GR-1.</summary>
    public string Code { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string NameHi { get; private set; } = "";

    public void Rename(string nameEn, string nameHi)
    {
        NameEn = nameEn;
        NameHi = nameHi;
    }
}
