# language: nl
Functionaliteit: Halfjaarlijkse voortgangsrapportage
  Als rapporteur van het programma Samen tegen mensenhandel
  wil ik met één opdracht de voortgangsrapportage als webpagina en als Word-document maken
  zodat de Tweede Kamer in beide dezelfde cijfers leest als in de statusopgave.

  Achtergrond:
    Gegeven een kopie van het voorbeeldprogramma "samen-tegen-mensenhandel"
    En CoMensha heeft de gepubliceerde registraties van 2019 tot en met 2022 aangeleverd

  @slow
  Scenario: Dezelfde cijfers in HTML, Word en statusopgave
    Als de rapporteur de rapportage maakt per 2022-12-31 in het "nl" als "html,docx"
    En de rapporteur de status opvraagt als JSON per 2022-12-31
    Dan staat er een HTML-bestand en een Word-bestand met de naam "samen-tegen-mensenhandel_2022-12-31_nl"
    En is de laatste waarde van "comensha-registraties" in de statusopgave 814 in 2022
    En toont de HTML voor "comensha-registraties" de laatste waarde "814 mogelijke slachtoffers (2022)" en de status "kengetal, geen oordeel"
    En staat in het Word-document bij "Door CoMensha geregistreerde mogelijke slachtoffers" de laatste waarde "814 mogelijke slachtoffers (2022)"
    En komen status en laatste waarde van elke indicator in de HTML exact overeen met de statusopgave
    En komen status en laatste waarde van elke indicator in het Word-document exact overeen met de HTML en de statusopgave

  @slow
  Scenario: Alle opgeslagen cijfers van het voorbeeld gelijk in Word, HTML en statusopgave
    Gegeven de werkmap van deze repository met alle opgeslagen cijfers
    Als de rapporteur de rapportage maakt per 2022-12-31 in het "nl" als "html,docx"
    En de rapporteur de status opvraagt als JSON per 2022-12-31
    Dan komen status en laatste waarde van elke indicator in de HTML exact overeen met de statusopgave
    En komen status en laatste waarde van elke indicator in het Word-document exact overeen met de HTML en de statusopgave

  Scenario: Dezelfde peildatum geeft dezelfde webpagina
    Als de rapporteur de rapportage maakt per 2022-12-31 in het "en" als "html"
    En de rapporteur de rapportage nogmaals maakt per 2022-12-31 in het "en" als "html"
    Dan zijn beide webpagina's byte voor byte gelijk
