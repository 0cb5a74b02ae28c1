# language: nl
Functionaliteit: Het programmabureau beoordeelt aanleveringen en rappelleert via het portaal
  Het programmabureau ziet alle partners: wat is geleverd, wat te laat is en wat nog moet
  komen volgens de rapportagekalender. Het accordeert aanleveringen of stuurt ze terug met een
  reden; de cijfers van een teruggestuurde aanlevering tellen niet mee tot de partner opnieuw
  aanlevert. Elk besluit staat in het grootboek, met wie en wanneer. Het beheert de toegang van
  personen, en wist een persoon op verzoek (AVG) zonder dat de keten breekt.

  Achtergrond:
    Gegeven een werkruimte met de partners "politie" en "ngo" die om accordering vraagt
    En de kalender van het portaal staat op "2020-05-01"
    En "bureau@jenv.example" van het programmabureau is ingelogd
    En "ana@politie.example" van partner "politie" is ingelogd

  Scenario: Terugsturen met een reden, opnieuw aanleveren en accorderen
    Als Ana een bestand instuurt met 12 zaken voor "2019"
    Dan is het cijfer van "zaken" voor "2019" 12 en nog niet geaccordeerd
    Als het programmabureau aanlevering 1 terugstuurt met de reden "Noord en zuid zijn omgedraaid"
    Dan telt het cijfer van "zaken" voor "2019" niet meer mee
    En ziet Ana op haar overzicht "Noord en zuid zijn omgedraaid"
    En staat "zaken" voor "2019" weer op Ana's lijst van wat nog wordt verwacht
    Als Ana een bestand instuurt met 13 zaken voor "2019"
    En het programmabureau aanlevering 3 accordeert
    Dan is het cijfer van "zaken" voor "2019" 13 en geaccordeerd
    En toont "kpitrack log" de aanleveringen en besluiten:
      | nr | gebeurtenis | partner | door           |
      | 1  | aanlevering | politie | Ana            |
      | 2  | besluit     | politie | programmabureau |
      | 3  | aanlevering | politie | Ana            |
      | 4  | besluit     | politie | programmabureau |
    En meldt "kpitrack verify" een gave opslag

  Scenario: Het programmabureau ziet wie nog moet leveren, net als "kpitrack due"
    Als het programmabureau via "Verwacht en geleverd" de lijst "Alles wat nog wordt verwacht, per partner" opent
    Dan staan er 8 onderdelen van "Politie" op, waarvan 7 te laat
    En staan op de pagina dezelfde onderdelen als in "kpitrack due --format csv"

  Scenario: Een partner kan geen aanlevering beoordelen
    Gegeven Ana heeft een bestand ingestuurd met 12 zaken voor "2019"
    Als Ana probeert aanlevering 1 te accorderen
    Dan krijgt Ana "Pagina niet gevonden" te zien
    En staat er geen besluit in het grootboek

  Scenario: Een persoon wordt gewist en de geschiedenis blijft kloppen
    Gegeven Ana heeft een bestand ingestuurd met 12 zaken voor "2019"
    Als het programmabureau het account van "ana@politie.example" blokkeert en wist
    Dan staat bij aanlevering 1 "gewiste persoon"
    En meldt "kpitrack verify" een gave opslag
