# language: nl
Functionaliteit: Een partner levert cijfers aan via het portaal
  Medewerkers van partners werken in Excel en een browser, niet op een opdrachtregel. Het
  programmabureau nodigt hen uit; zij kiezen een wachtwoord, halen het sjabloon op, sturen het
  ingevulde bestand in en zien elke fout met rij en kolom op de pagina. Een bestand met een fout
  wordt in zijn geheel geweigerd. Het portaal gebruikt dezelfde opslag, hetzelfde slot en
  hetzelfde grootboek als "kpitrack submit".

  Achtergrond:
    Gegeven een werkruimte met de partners "politie" en "ngo"
    En het programmabureau heeft "ana@politie.example" van partner "politie" uitgenodigd

  Scenario: Uitnodigen, sjabloon invullen, een fout herstellen en de geschiedenis zien
    Als Ana de uitnodiging opent en het wachtwoord "een zin van een paar woorden" kiest
    Dan ziet Ana het overzicht van "Politie"
    Als Ana het CSV-sjabloon voor "2019" ophaalt
    Dan heeft het sjabloon een rij voor "zaken" in "2019" voor het totaal en elke regio
    Als Ana het sjabloon instuurt met "twaalf" als totaal van "zaken"
    Dan toont de pagina een fout in rij 2, kolom "value"
    En is er niets opgeslagen
    Als Ana het sjabloon instuurt met "12" als totaal van "zaken"
    Dan toont de pagina "Your file was stored as submission 1"
    En staat inzending 1 in Ana's geschiedenis met het bestand "proef_politie_template.csv"
    En meldt "kpitrack verify" een gave opslag

  Scenario: Een partner ziet de inzendingen van een andere partner niet
    Gegeven Ana heeft het wachtwoord "een zin van een paar woorden" gekozen
    En partner "ngo" heeft een inzending gedaan
    Als Ana inzending 1 opvraagt
    Dan krijgt Ana "Page not found" te zien

  Scenario: Een verlopen uitnodiging werkt niet meer
    Gegeven de uitnodiging van "bo@ngo.example" van partner "ngo" is 8 dagen geleden verstuurd
    Als Bo de uitnodiging opent
    Dan krijgt Bo "This link no longer works" te zien
