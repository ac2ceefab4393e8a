/** Small descriptions of every kind, written after the OpenAPI 3.0/3.1, Swagger 2.0, WSDL 1.1/2.0 and OGC WMS 1.3 / WMTS 1.0 specifications. */
export const DESCRIPTIONS = {
  openapiJson: JSON.stringify({ openapi: '3.0.3', info: { title: 'Luft', version: '1' }, paths: { '/matningar': { get: { responses: { 200: { description: 'ok' } } } } } }),
  openapiYaml: 'openapi: 3.1.0\ninfo:\n  title: Luft\n  version: "1"\npaths:\n  /matningar:\n    get:\n      responses:\n        "200":\n          description: ok\n',
  swagger: JSON.stringify({ swagger: '2.0', info: { title: 'Gamla', version: '1' }, paths: {} }),
  wsdl11:
    '<?xml version="1.0"?><definitions xmlns="http://schemas.xmlsoap.org/wsdl/" name="Skolor" targetNamespace="urn:skolor"><service name="Skolor"/></definitions>',
  wsdl20: '<description xmlns="http://www.w3.org/ns/wsdl" targetNamespace="urn:skolor"><interface name="I"/></description>',
  wms: '<?xml version="1.0" encoding="UTF-8"?><WMS_Capabilities version="1.3.0" xmlns="http://www.opengis.net/wms"><Service><Name>WMS</Name></Service><Capability/></WMS_Capabilities>',
  wmts: '<Capabilities xmlns="http://www.opengis.net/wmts/1.0" version="1.0.0"><Contents/></Capabilities>',
  exception:
    '<?xml version="1.0"?><ServiceExceptionReport version="1.3.0" xmlns="http://www.opengis.net/ogc"><ServiceException code="InvalidParameterValue">Layer not defined</ServiceException></ServiceExceptionReport>',
  html: '<!DOCTYPE html><html><head><title>Vårt API</title></head><body><h1>Om API:et</h1></body></html>',
  brokenJson: '{ "openapi": "3.0.0", "info": { "title": "x" ',
  brokenXml: '<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"><service></definitions>',
  noPaths: JSON.stringify({ openapi: '3.0.0', info: { title: 'x', version: '1' } }),
  plainJson: JSON.stringify({ hello: 'world' }),
}
